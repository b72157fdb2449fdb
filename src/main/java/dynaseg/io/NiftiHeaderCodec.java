package dynaseg.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers in either byte order, and encodes
 * the NIfTI-1 header dynaseg writes. Field offsets follow nifti1.h and nifti2.h.
 */
final class NiftiHeaderCodec {
    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;
    /** Header plus the 4-byte extension flag: where a single-file NIfTI-1's data may start at the earliest. */
    static final int NIFTI1_DATA_OFFSET = 352;
    static final int NIFTI2_DATA_OFFSET = 544;

    private NiftiHeaderCodec() {}

    /** Parses the header at the start of {@code buf} (of which {@code len} bytes are valid). */
    static NiftiHeader parse(byte[] buf, int len, Path file) throws NiftiFormatException {
        if (len < 4) throw new NiftiFormatException(file, "not a NIfTI file: only " + len + " bytes long");
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.LITTLE_ENDIAN);
        int version;
        int sizeLe = bb.getInt(0);
        int sizeBe = Integer.reverseBytes(sizeLe);
        if (sizeLe == NIFTI1_SIZE || sizeLe == NIFTI2_SIZE) {
            version = sizeLe == NIFTI1_SIZE ? 1 : 2;
        } else if (sizeBe == NIFTI1_SIZE || sizeBe == NIFTI2_SIZE) {
            bb.order(ByteOrder.BIG_ENDIAN);
            version = sizeBe == NIFTI1_SIZE ? 1 : 2;
        } else {
            throw new NiftiFormatException(file, "not a NIfTI file: the header size field is neither 348 (NIfTI-1) nor 540 (NIfTI-2)");
        }
        int size = version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
        if (len < size) {
            throw new NiftiFormatException(file, "truncated NIfTI-" + version + " header: " + len + " of " + size + " bytes");
        }
        NiftiHeader h = new NiftiHeader();
        h.version = version;
        h.byteOrder = bb.order();
        checkMagic(buf, version == 1 ? 344 : 4, version, file);
        if (version == 1) readNifti1(bb, h); else readNifti2(bb, h);
        validate(h, file);
        return h;
    }

    private static void checkMagic(byte[] buf, int at, int version, Path file) throws NiftiFormatException {
        String magic = new String(buf, at, 3, StandardCharsets.ISO_8859_1);
        if (magic.equals("n+" + version) && buf[at + 3] == 0) return;
        if (magic.equals("ni" + version)) {
            throw new NiftiFormatException(file, "is the header of a NIfTI pair (.hdr/.img), which dynaseg does not read;"
                    + " convert it to a single .nii/.nii.gz file");
        }
        throw new NiftiFormatException(file, "not a NIfTI file: no NIfTI-" + version + " magic string (an ANALYZE 7.5 file?)");
    }

    private static void readNifti1(ByteBuffer bb, NiftiHeader h) {
        for (int i = 0; i < 8; i++) h.dim[i] = bb.getShort(40 + 2 * i);
        h.intentCode = bb.getShort(68);
        h.datatypeCode = bb.getShort(70);
        for (int i = 0; i < 8; i++) h.pixdim[i] = bb.getFloat(76 + 4 * i);
        float offset = bb.getFloat(108);
        h.voxOffset = Float.isFinite(offset) ? (long) offset : -1;
        if (h.voxOffset >= 0 && h.voxOffset < NIFTI1_DATA_OFFSET) h.voxOffset = NIFTI1_DATA_OFFSET; // as nibabel fixes it
        h.sclSlope = bb.getFloat(112);
        h.sclInter = bb.getFloat(116);
        h.xyztUnits = bb.get(123) & 0xFF;
        h.description = cString(bb, 148, 80);
        h.qformCode = bb.getShort(252);
        h.sformCode = bb.getShort(254);
        h.quaternB = bb.getFloat(256);
        h.quaternC = bb.getFloat(260);
        h.quaternD = bb.getFloat(264);
        h.qoffsetX = bb.getFloat(268);
        h.qoffsetY = bb.getFloat(272);
        h.qoffsetZ = bb.getFloat(276);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) h.srow[r][c] = bb.getFloat(280 + 16 * r + 4 * c);
        }
    }

    private static void readNifti2(ByteBuffer bb, NiftiHeader h) {
        h.datatypeCode = bb.getShort(12);
        for (int i = 0; i < 8; i++) h.dim[i] = bb.getLong(16 + 8 * i);
        for (int i = 0; i < 8; i++) h.pixdim[i] = bb.getDouble(104 + 8 * i);
        h.voxOffset = bb.getLong(168);
        if (h.voxOffset >= 0 && h.voxOffset < NIFTI2_DATA_OFFSET) h.voxOffset = NIFTI2_DATA_OFFSET;
        h.sclSlope = bb.getDouble(176);
        h.sclInter = bb.getDouble(184);
        h.description = cString(bb, 240, 80);
        h.qformCode = bb.getInt(344);
        h.sformCode = bb.getInt(348);
        h.quaternB = bb.getDouble(352);
        h.quaternC = bb.getDouble(360);
        h.quaternD = bb.getDouble(368);
        h.qoffsetX = bb.getDouble(376);
        h.qoffsetY = bb.getDouble(384);
        h.qoffsetZ = bb.getDouble(392);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) h.srow[r][c] = bb.getDouble(400 + 32 * r + 8 * c);
        }
        h.xyztUnits = bb.getInt(500);
        h.intentCode = bb.getInt(504);
    }

    private static void validate(NiftiHeader h, Path file) throws NiftiFormatException {
        if (h.dim[0] < 1 || h.dim[0] > 7) {
            throw new NiftiFormatException(file, "invalid header: dim[0] = " + h.dim[0] + " (the number of dimensions must be 1..7)");
        }
        for (int i = 1; i <= h.dim[0]; i++) {
            if (h.dim[i] < 1) {
                throw new NiftiFormatException(file, "invalid header: dim[" + i + "] = " + h.dim[i] + " (sizes must be positive), dims "
                        + Arrays.toString(Arrays.copyOfRange(h.dim, 1, (int) h.dim[0] + 1)));
            }
        }
        h.datatype = NiftiDataType.fromCode(h.datatypeCode);
        if (h.datatype == null) {
            throw new NiftiFormatException(file, "unsupported data type " + NiftiDataType.describeCode(h.datatypeCode)
                    + " (dynaseg reads uint8, int8, int16, uint16, int32, uint32, int64, float32, float64)");
        }
        if (h.voxOffset < 0) throw new NiftiFormatException(file, "invalid header: vox_offset is not a valid byte offset");
        if (h.isScaled() && !Double.isFinite(h.sclInter)) {
            throw new NiftiFormatException(file, "invalid header: scl_slope is " + h.sclSlope + " but scl_inter is " + h.sclInter);
        }
    }

    private static String cString(ByteBuffer bb, int at, int max) {
        byte[] b = new byte[max];
        bb.get(at, b);
        int n = 0;
        while (n < max && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * The little-endian NIfTI-1 header plus a zero extension flag (352 bytes) for a 3D image.
     * The sform holds the affine; the qform holds its closest rigid part (as nibabel's set_qform),
     * with pixdim[1..3] the affine's column lengths when the qform code is set.
     */
    static byte[] encodeNifti1(Geometry g, NiftiDataType type, double slope, double inter) {
        ByteBuffer bb = ByteBuffer.allocate(NIFTI1_DATA_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        double[][] a = g.affine();
        int qformCode = g.qformCode();
        int sformCode = g.sformCode();
        double[] pix = g.spacing();
        if (qformCode == 0 && sformCode == 0 && !isBaseAffine(g)) {
            sformCode = 2; // codes 0 would let readers fall back to the pixdim affine and lose the caller's affine
        }
        double qfac = 1;
        double[] quat = {1, 0, 0, 0};
        double[] zooms = Affines.columnNorms(a);
        double[][] rot = Affines.copy3(a);
        for (int c = 0; c < 3; c++) for (int r = 0; r < 3; r++) rot[r][c] = zooms[c] == 0 ? 0 : rot[r][c] / zooms[c];
        if (Affines.det3(rot) < 0) {
            qfac = -1;
            for (int r = 0; r < 3; r++) rot[r][2] = -rot[r][2];
        }
        double[][] ortho = Affines.closestOrthogonal(rot);
        if (ortho != null) {
            quat = Affines.matrixToQuat(ortho);
            if (qformCode != 0) pix = zooms;
        } else if (qformCode != 0) {
            throw new IllegalArgumentException("affine " + Arrays.deepToString(a) + " is singular: it cannot be stored as a qform");
        }
        bb.putInt(0, NIFTI1_SIZE);
        bb.put(38, (byte) 'r');
        int[] d = g.dims();
        short[] dim = {3, (short) d[0], (short) d[1], (short) d[2], 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) bb.putShort(40 + 2 * i, dim[i]);
        bb.putShort(70, (short) type.code());
        bb.putShort(72, (short) type.bitpix());
        float[] pixdim = {(float) qfac, (float) pix[0], (float) pix[1], (float) pix[2], 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) bb.putFloat(76 + 4 * i, pixdim[i]);
        bb.putFloat(108, NIFTI1_DATA_OFFSET);
        bb.putFloat(112, (float) slope);
        bb.putFloat(116, (float) inter);
        bb.put(123, (byte) 2); // xyzt_units: millimetres, time unknown
        byte[] descrip = "dynaseg".getBytes(StandardCharsets.US_ASCII);
        bb.put(148, descrip);
        bb.putShort(252, (short) qformCode);
        bb.putShort(254, (short) sformCode);
        bb.putFloat(256, (float) quat[1]);
        bb.putFloat(260, (float) quat[2]);
        bb.putFloat(264, (float) quat[3]);
        bb.putFloat(268, (float) a[0][3]);
        bb.putFloat(272, (float) a[1][3]);
        bb.putFloat(276, (float) a[2][3]);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) bb.putFloat(280 + 16 * r + 4 * c, (float) a[r][c]);
        }
        bb.put(344, new byte[] {'n', '+', '1', 0});
        return bb.array();
    }

    private static boolean isBaseAffine(Geometry g) {
        NiftiHeader h = new NiftiHeader();
        h.dim[0] = 3;
        int[] d = g.dims();
        double[] s = g.spacing();
        for (int i = 0; i < 3; i++) {
            h.dim[i + 1] = d[i];
            h.pixdim[i + 1] = (float) s[i];
        }
        double[][] base = h.baseAffine();
        double[][] a = g.affine();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) if (Math.abs(base[r][c] - a[r][c]) > 1e-6) return false;
        }
        return true;
    }
}
