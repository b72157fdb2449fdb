package dynaseg.io;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that dynaseg uses, with the geometry they define.
 * Both versions are held in the same (wider) form: dims as longs, floats as doubles.
 *
 * <p>Affine selection follows nibabel's {@code get_best_affine}: the sform when its code is
 * non-zero, else the qform when its code is non-zero, else the "base" affine from pixdim
 * (x flipped, centred on the grid). Like nibabel on load, pixdim[1..3] of 0 count as 1,
 * negative ones as their absolute value, and a qfac (pixdim[0]) other than -1 counts as 1.
 */
public final class NiftiHeader {
    int version;
    ByteOrder byteOrder;
    final long[] dim = new long[8];
    final double[] pixdim = new double[8];
    int datatypeCode;
    NiftiDataType datatype;
    long voxOffset;
    double sclSlope;
    double sclInter;
    int qformCode;
    int sformCode;
    double quaternB, quaternC, quaternD;
    double qoffsetX, qoffsetY, qoffsetZ;
    final double[][] srow = new double[3][4];
    int xyztUnits;
    int intentCode;
    String description = "";

    NiftiHeader() {}

    /** 1 for NIfTI-1 (348-byte header), 2 for NIfTI-2 (540 bytes). */
    public int version() { return version; }
    public ByteOrder byteOrder() { return byteOrder; }
    /** dim[0] of the header: the number of dimensions. */
    public int ndim() { return (int) dim[0]; }
    /** The sizes of the ndim() dimensions (dim[1..ndim]). */
    public long[] shape() {
        long[] s = new long[ndim()];
        System.arraycopy(dim, 1, s, 0, s.length);
        return s;
    }
    /** The 3 spatial sizes (1 for dimensions the file does not have). */
    public int[] dims3() {
        int[] d = new int[3];
        for (int i = 0; i < 3; i++) d[i] = i < ndim() ? (int) dim[i + 1] : 1;
        return d;
    }
    /** True when every dimension past the third has size 1 (a 4D file with dim[4] = 1 is 3D). */
    public boolean isSpatial3D() {
        for (int i = 4; i <= ndim(); i++) if (dim[i] != 1) return false;
        return true;
    }
    /** The raw pixdim[0..7] as stored. */
    public double[] pixdim() { return pixdim.clone(); }
    /** Voxel sizes along x, y, z as nibabel reports them after its load-time fixes. */
    public double[] spacing() {
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            double p = i < ndim() ? pixdim[i + 1] : 1;
            s[i] = p == 0 || !Double.isFinite(p) ? 1 : Math.abs(p);
        }
        return s;
    }
    public NiftiDataType datatype() { return datatype; }
    /** Byte offset of the voxel data in the (uncompressed) file. */
    public long voxOffset() { return voxOffset; }
    public double sclSlope() { return sclSlope; }
    public double sclInter() { return sclInter; }
    /** True when scl_slope is a usable number (non-zero and finite): values are raw * slope + inter. */
    public boolean isScaled() { return sclSlope != 0 && Double.isFinite(sclSlope); }
    /** The slope applied to raw values (1 when the file is unscaled). */
    public double slope() { return isScaled() ? sclSlope : 1; }
    /** The intercept applied to raw values (0 when the file is unscaled). */
    public double intercept() { return isScaled() ? sclInter : 0; }
    public int qformCode() { return qformCode; }
    public int sformCode() { return sformCode; }
    public int xyztUnits() { return xyztUnits; }
    public int intentCode() { return intentCode; }
    public String description() { return description; }

    /** Voxels in the 3D volume. */
    public long voxelCount3D() {
        int[] d = dims3();
        return (long) d[0] * d[1] * d[2];
    }

    /** The sform rows as a 4x4 affine (whatever the sform code). */
    public double[][] sformAffine() {
        return new double[][] {srow[0].clone(), srow[1].clone(), srow[2].clone(), {0, 0, 0, 1}};
    }

    /** The affine the quaternion, pixdim and qfac define (whatever the qform code), as nibabel's get_qform. */
    public double[][] qformAffine() {
        double b = quaternB, c = quaternC, d = quaternD;
        // nibabel's fillpositive: tiny negative w^2 from rounding counts as w = 0
        double w2 = 1.0 - (b * b + c * c + d * d);
        double w = w2 < 0 ? 0 : Math.sqrt(w2);
        double[][] r = Affines.quatToMatrix(w, b, c, d);
        double[] zooms = spacing();
        double qfac = pixdim[0] == -1 ? -1 : 1;
        zooms[2] *= qfac;
        double[][] a = new double[4][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) a[i][j] = r[i][j] * zooms[j];
        }
        a[0][3] = qoffsetX;
        a[1][3] = qoffsetY;
        a[2][3] = qoffsetZ;
        a[3][3] = 1;
        return a;
    }

    /** The affine from pixdim alone (nibabel's get_base_affine): x flipped, origin at the grid centre. */
    public double[][] baseAffine() {
        int[] d = dims3();
        double[] z = spacing();
        double[][] a = new double[4][4];
        double[] zf = {-z[0], z[1], z[2]};
        for (int i = 0; i < 3; i++) {
            a[i][i] = zf[i];
            a[i][3] = -((d[i] - 1) / 2.0) * zf[i];
        }
        a[3][3] = 1;
        return a;
    }

    /** The voxel-to-world affine: sform, else qform, else base (see the class comment). */
    public double[][] affine() {
        if (sformCode != 0) return sformAffine();
        if (qformCode != 0) return qformAffine();
        return baseAffine();
    }

    /** The 3D grid this header describes (uses the first three dimensions). */
    public Geometry geometry() {
        return new Geometry(dims3(), spacing(), affine(), qformCode, sformCode);
    }

    /** Fails with a message naming the file unless the image is 3D (trailing size-1 dimensions allowed). */
    void requireSpatial3D(Path file) throws NiftiFormatException {
        if (!isSpatial3D()) {
            throw new NiftiFormatException(file, "is a " + ndim() + "D image with shape " + java.util.Arrays.toString(shape())
                    + "; a 3D volume is needed (dimensions past the third must have size 1)");
        }
    }

    @Override
    public String toString() {
        return "NIfTI-" + version + " " + java.util.Arrays.toString(shape()) + " " + datatype + " " + byteOrder;
    }
}
