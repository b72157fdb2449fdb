package dynaseg.data;

import java.io.Serializable;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * nnU-Net's file naming: an image is {@code <case>_<channel>} with a four-digit channel
 * ({@code ct_0000.nii.gz} for a single-channel CT), its label map {@code <case>}
 * ({@code ct.nii.gz}). Predictions are named like the label maps, so that the predictions of an
 * {@code imagesTs} folder pair with its {@code labelsTs}.
 *
 * <p>A name alone can only say so much: {@code case_0000} is channel 0 of case {@code case}, or
 * the first of cases numbered {@code case_0000, case_0001, ...} (as {@code dynaseg synth} names
 * its phantoms). The inputs predicted together decide: a trailing {@code _0000} is a number, and
 * kept, when the same inputs hold {@code <stem>_0001}; otherwise it is the channel, and dropped
 * ({@link #of}). Evaluation pairs both spellings ({@link #otherSpelling}), so either reading
 * scores the same files.
 */
public final class NnUnetNaming implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The channel suffix of a single-channel (CT) image. */
    public static final String CHANNEL_ZERO = "_0000";
    private static final String NEXT = "_0001";

    /** Ids ending in {@value #CHANNEL_ZERO} whose digits number cases (a {@code <stem>_0001} is beside them). */
    private final Set<String> numbered;

    private NnUnetNaming(Set<String> numbered) {
        this.numbered = numbered;
    }

    /** The naming of inputs predicted together, by their ids (file names without .nii/.nii.gz; see the class comment). */
    public static NnUnetNaming of(Collection<String> inputIds) {
        Set<String> ids = new TreeSet<>(inputIds);
        Set<String> numbered = new TreeSet<>();
        for (String id : ids) {
            if (isChannelZero(id) && ids.contains(stripped(id) + NEXT)) numbered.add(id);
        }
        return new NnUnetNaming(Set.copyOf(numbered));
    }

    /** The naming of one input seen alone: a trailing {@value #CHANNEL_ZERO} is the channel. */
    public static NnUnetNaming single() {
        return new NnUnetNaming(Set.of());
    }

    /** The case of an input id: the id, without a trailing channel suffix. */
    public String caseOf(String id) {
        return isChannelZero(id) && !numbered.contains(id) ? stripped(id) : id;
    }

    /** {@code id} without a trailing {@value #CHANNEL_ZERO} (an id that is nothing else is kept). */
    public static String caseId(String id) {
        return isChannelZero(id) ? stripped(id) : id;
    }

    /** The other spelling of the same case: {@code x_0000} for {@code x}, and {@code x} for {@code x_0000}. */
    public static String otherSpelling(String id) {
        String c = caseId(id);
        return c.equals(id) ? id + CHANNEL_ZERO : c;
    }

    private static boolean isChannelZero(String id) {
        return id.endsWith(CHANNEL_ZERO) && id.length() > CHANNEL_ZERO.length();
    }

    private static String stripped(String id) {
        return id.substring(0, id.length() - CHANNEL_ZERO.length());
    }
}
