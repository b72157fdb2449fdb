package dynaseg.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled case of a dataset: an id unique within the dataset (the image file name without
 * {@code .nii}/{@code .nii.gz}, e.g. {@code case_0000}), the image file and its label-map file.
 */
public record CaseRef(String id, Path image, Path label) {
    public CaseRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
    }

    /** The id of an image file: its name without {@code .nii.gz} or {@code .nii}. */
    public static String idOf(Path image) {
        String name = image.getFileName().toString();
        if (name.endsWith(".nii.gz")) return name.substring(0, name.length() - 7);
        if (name.endsWith(".nii")) return name.substring(0, name.length() - 4);
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
