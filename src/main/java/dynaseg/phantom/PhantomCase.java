package dynaseg.phantom;

import dynaseg.io.LabelMap;
import dynaseg.io.Volume;

/**
 * One synthetic CT: the image in integer-valued Hounsfield units and its BTCV label map (0..13) on
 * the same geometry.
 */
public record PhantomCase(int index, Volume image, LabelMap labels, boolean gallbladderPresent) {}
