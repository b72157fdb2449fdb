package dynaseg.data;

import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import java.io.IOException;

/**
 * Reads a case's image (Hounsfield units) and label map. NIfTI files by default; a dataset whose
 * labels are stored otherwise (e.g. TotalSegmentator's one mask file per structure) supplies its own.
 */
public interface CaseReader {
    /** One NIfTI image and one NIfTI label map per case. */
    CaseReader NIFTI = new CaseReader() {};

    default Volume readImage(CaseRef ref) throws IOException { return Nifti.readVolume(ref.image()); }

    default LabelMap readLabels(CaseRef ref) throws IOException { return Nifti.readLabels(ref.label()); }
}
