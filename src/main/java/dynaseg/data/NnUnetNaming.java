package dynaseg.data;

import java.nio.file.Path;

/**
 * nnU-Net's file naming: an image is {@code <case>_<channel>} with a four-digit channel
 * ({@code ct_0000.nii.gz} for a single-channel CT), its label map {@code <case>}
 * ({@code ct.nii.gz}). Predictions are named like the label maps, so that the predictions of an
 * {@code imagesTs} folder pair with its {@code labelsTs}.
 *
 * <p>A name can only say so much: a case id that itself ends in {@code _0000} (the synthetic
 * {@code case_0000}) reads as channel 0 of case {@code case}. Evaluation therefore pairs both
 * spellings ({@link #otherSpelling}), so either reading scores the same files.
 */
public final class NnUnetNaming {
    /** The channel suffix of a single-channel (CT) image. */
    public static final String CHANNEL_ZERO = "_0000";

    private NnUnetNaming() {}

    /** The case of a file: its {@link CaseRef#idOf id} without a trailing {@value #CHANNEL_ZERO}. */
    public static String caseId(Path file) {
        return caseId(CaseRef.idOf(file));
    }

    /** {@code id} without a trailing {@value #CHANNEL_ZERO} (an id that is nothing else is kept). */
    public static String caseId(String id) {
        return id.endsWith(CHANNEL_ZERO) && id.length() > CHANNEL_ZERO.length()
                ? id.substring(0, id.length() - CHANNEL_ZERO.length()) : id;
    }

    /** The other spelling of the same case: {@code x_0000} for {@code x}, and {@code x} for {@code x_0000}. */
    public static String otherSpelling(String id) {
        String c = caseId(id);
        return c.equals(id) ? id + CHANNEL_ZERO : c;
    }
}
