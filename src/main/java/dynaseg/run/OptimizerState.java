package dynaseg.run;

import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a checkpoint keeps of the optimizer ({@code optimizer.bin}): the trainer's optimizer
 * writes and reads its own state through this, so that the run folder's layout needs no training
 * code.
 */
public interface OptimizerState {
    void save(DataOutputStream out) throws IOException;

    void load(DataInputStream in, NDManager manager) throws IOException;
}
