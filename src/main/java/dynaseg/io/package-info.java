/**
 * The bottom of the data flow: NIfTI and DICOM reading and writing, volumes and their geometry
 * ({@link dynaseg.io.Affines}), label tables, and the one atomic-write helper
 * ({@link dynaseg.io.AtomicFiles}, with {@link dynaseg.io.TempFiles} for temporary siblings). Uses
 * no other package of dynaseg.
 */
package dynaseg.io;
