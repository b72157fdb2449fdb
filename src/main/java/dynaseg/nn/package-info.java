/**
 * The networks (UNet3D, UNETR, Lambda3D) and their layers. {@link dynaseg.nn.Networks} owns the
 * model and preset names, their default patches and the parameter files; a new network is a class
 * here and one entry there.
 */
package dynaseg.nn;
