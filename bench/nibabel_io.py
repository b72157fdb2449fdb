#!/usr/bin/env python3
"""nibabel's side of dynaseg's IO benchmark (dynaseg.bench.IoBenchmark).

Loads the int16 volume dynaseg wrote (--input) for its voxels and affine, so both sides compress
the same data, then times, as the median of --repeats runs after one warm-up:
  write: nibabel.save of an int16 Nifti1Image to --output (.nii.gz, nibabel's default gzip level 1)
  read:  nibabel.load(output).get_fdata()
and prints one JSON object: {"write_ms", "read_ms", "bytes", "nibabel", "numpy"}.
"""
import argparse
import json
import os
import statistics
import time

import nibabel as nib
import numpy as np


def median_ms(repeats, fn):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--input', required=True, help='the .nii.gz dynaseg wrote')
    ap.add_argument('--output', required=True, help='where nibabel writes its .nii.gz')
    ap.add_argument('--repeats', type=int, default=5)
    args = ap.parse_args()

    src = nib.load(args.input)
    data = np.asanyarray(src.dataobj).astype(np.int16)
    affine = src.affine

    def write():
        img = nib.Nifti1Image(data, affine)
        img.set_data_dtype(np.int16)
        nib.save(img, args.output)

    def read():
        return nib.load(args.output).get_fdata()

    write_ms = median_ms(args.repeats, write)
    read_ms = median_ms(args.repeats, read)
    print(json.dumps(dict(write_ms=write_ms, read_ms=read_ms, bytes=os.path.getsize(args.output),
                          nibabel=nib.__version__, numpy=np.__version__)))


if __name__ == '__main__':
    main()
