"""Writes a block of a NIfTI CT as a DICOM CT series, one slice per file, as scanners write them.

usage: write_ct_series.py CT.nii[.gz] OUT_DIR SERIES_NUMBER I0 I1 J0 J1 K0 K1

The block is voxels [I0:I1, J0:J1, K0:K1] of the NIfTI (nibabel's axes). The series is laid out
the usual way of axial CT rather than the NIfTI's: columns run to the patient's left, rows to
posterior and the files go from the top slice down, so a reader has to use the geometry tags to
put the voxels back. Every position comes from the NIfTI affine (RAS) turned into DICOM's LPS:
ImagePositionPatient, ImageOrientationPatient, PixelSpacing, SliceThickness, SliceLocation. Pixels
are stored as signed 16 bit, HU + 1024, with RescaleSlope 1 and RescaleIntercept -1024. File
names are random (a reader must not rely on their order). Two calls with the same OUT_DIR and
different SERIES_NUMBERs make a folder holding two series of one study.

Needs Debian's python3-pydicom, python3-nibabel and python3-numpy.
"""
import os
import sys

import nibabel as nib
import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"


def main():
    src, out_dir, series_number = sys.argv[1], sys.argv[2], int(sys.argv[3])
    i0, i1, j0, j1, k0, k1 = (int(a) for a in sys.argv[4:10])
    img = nib.load(src)
    hu = np.asanyarray(img.dataobj)[i0:i1, j0:j1, k0:k1].astype(np.int32)
    ni, nj, nk = hu.shape
    crop = img.affine @ np.array([[1, 0, 0, i0], [0, 1, 0, j0], [0, 0, 1, k0], [0, 0, 0, 1]], float)
    # DICOM index (c, r, s) = NIfTI index (ni-1-i, nj-1-j, nk-1-k): every axis reversed
    flip = np.array([[-1, 0, 0, ni - 1], [0, -1, 0, nj - 1], [0, 0, -1, nk - 1], [0, 0, 0, 1]], float)
    ras_to_lps = np.diag([-1.0, -1.0, 1.0, 1.0])
    lps = ras_to_lps @ crop @ flip
    data = hu[::-1, ::-1, ::-1]
    col_step, row_step, slice_step = lps[:3, 0], lps[:3, 1], lps[:3, 2]
    row_cosines = col_step / np.linalg.norm(col_step)  # direction of increasing column index
    col_cosines = row_step / np.linalg.norm(row_step)  # direction of increasing row index
    normal = np.cross(row_cosines, col_cosines)
    thickness = abs(float(slice_step @ normal))

    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(series_number)
    stored = (data + 1024).astype(np.int16)
    study_uid = "1.2.826.0.1.3680043.8.498.1"  # one study for every series written here
    series_uid = generate_uid(entropy_srcs=[src, out_dir, str(series_number), "series"])
    frame_uid = generate_uid(entropy_srcs=[src, "frame"])
    for s in range(nk):
        position = lps @ np.array([0, 0, s, 1.0])
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = CT_IMAGE_STORAGE
        meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[series_uid, str(s)])
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        name = os.path.join(out_dir, "IM%08d" % rng.integers(0, 10 ** 8))
        ds = FileDataset(name, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.is_little_endian = True
        ds.is_implicit_VR = False
        ds.SOPClassUID = CT_IMAGE_STORAGE
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID = study_uid
        ds.SeriesInstanceUID = series_uid
        ds.FrameOfReferenceUID = frame_uid
        ds.Modality = "CT"
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.Manufacturer = "dynaseg test"
        ds.PatientName = "Phantom^Test"
        ds.PatientID = "DYNASEG-TEST"
        ds.StudyDate = ds.SeriesDate = "20240101"
        ds.StudyTime = ds.SeriesTime = ds.AcquisitionTime = "120000"
        ds.StudyID = "1"
        ds.SeriesNumber = series_number
        ds.AcquisitionNumber = 1
        ds.InstanceNumber = s + 1
        ds.SeriesDescription = "test series %d" % series_number
        ds.ImagePositionPatient = [float("%.6f" % v) for v in position[:3]]
        ds.ImageOrientationPatient = [float("%.8f" % v) for v in list(row_cosines) + list(col_cosines)]
        ds.PixelSpacing = [float("%.6f" % np.linalg.norm(row_step)), float("%.6f" % np.linalg.norm(col_step))]
        ds.SliceThickness = float("%.6f" % thickness)
        ds.SliceLocation = float("%.6f" % float(position[:3] @ normal))
        ds.KVP = 120
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows, ds.Columns = nj, ni
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        ds.RescaleSlope = 1
        ds.RescaleIntercept = -1024
        ds.RescaleType = "HU"
        ds.WindowCenter, ds.WindowWidth = 40, 400
        ds.PixelData = np.ascontiguousarray(stored[:, :, s].T).tobytes()  # rows = j, columns = i
        ds.save_as(name, write_like_original=False)


if __name__ == "__main__":
    main()
