package dynaseg.train;

import dynaseg.run.OptimizerState;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter 2019, "Decoupled Weight Decay Regularization"), step for step as
 * {@code torch.optim.AdamW}: p *= 1 - lr*wd; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps). Weight decay applies to every parameter,
 * as torch's default. The learning rate can change between steps (for a schedule).
 *
 * <p>DJL's own optimizers keep their moments where they cannot be saved; this one writes the step
 * count and the moments of each parameter (keyed by the parameter's path in the block) to a
 * stream, so a run can resume exactly.
 */
public final class AdamW implements OptimizerState {
    private static final int MAGIC = 0x41644d57; // "AdMW"
    private static final int FORMAT = 1;

    private float learningRate;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private long steps;
    private final Map<String, NDArray[]> moments = new HashMap<>();

    public AdamW(float learningRate, float beta1, float beta2, float eps, float weightDecay) {
        if (!(learningRate >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("invalid AdamW settings: lr " + learningRate + ", betas " + beta1 + "/" + beta2
                    + ", eps " + eps + ", weight decay " + weightDecay);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** torch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public AdamW(float learningRate, float weightDecay) {
        this(learningRate, 0.9f, 0.999f, 1e-8f, weightDecay);
    }

    public void setLearningRate(float learningRate) {
        if (!(learningRate >= 0)) throw new IllegalArgumentException("learning rate must be >= 0, got " + learningRate);
        this.learningRate = learningRate;
    }

    public float learningRate() {
        return learningRate;
    }

    /** Steps taken so far (t of the bias correction). */
    public long steps() {
        return steps;
    }

    /**
     * Updates every trainable parameter of the block from its gradient, then zeroes the gradients
     * (DJL's PyTorch engine accumulates them across backward passes). Call outside a
     * GradientCollector. Parameters without a gradient yet are skipped (as torch skips grad None).
     */
    public void step(Block block) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (learningRate / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float decay = 1 - learningRate * weightDecay;
        try (NDScope scope = new NDScope()) {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                Parameter p = pair.getValue();
                if (!p.requiresGradient() || !p.isInitialized()) continue;
                NDArray w = p.getArray();
                if (!w.hasGradient()) continue;
                NDArray g = w.getGradient();
                NDArray[] mv = moments.computeIfAbsent(pair.getKey(), k -> newMoments(w));
                NDArray m = mv[0];
                NDArray v = mv[1];
                if (!m.getShape().equals(w.getShape())) {
                    throw new IllegalStateException("AdamW state for " + pair.getKey() + " has shape " + m.getShape() + ", parameter " + w.getShape());
                }
                if (decay != 1f) w.muli(decay);
                m.muli(beta1).addi(g.mul(1 - beta1));
                v.muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray denom = v.sqrt().muli(invSqrtBc2).addi(eps);
                w.subi(m.div(denom).muli(stepSize));
                zeroGradient(w, g);
            }
        }
    }

    private static NDArray[] newMoments(NDArray w) {
        NDManager manager = w.getManager();
        NDArray m = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        NDArray v = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        // created inside step()'s scope but must outlive it
        NDScope.unregister(m, v);
        return new NDArray[] {m, v};
    }

    /** Zeroes the gradients of every trainable parameter of a block (without a step). */
    public static void zeroGradients(Block block) {
        try (NDScope scope = new NDScope()) {
            for (Parameter p : block.getParameters().values()) {
                if (!p.isInitialized()) continue;
                NDArray w = p.getArray();
                if (w.hasGradient()) zeroGradient(w, null);
            }
        }
    }

    /** Zeroes the gradient of {@code weight} ({@code grad} is its wrapper, or null). */
    private static void zeroGradient(NDArray weight, NDArray grad) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt); // zero_() in place, NaN-safe
        } else {
            NDArray g = grad != null ? grad : weight.getGradient();
            g.subi(g);
        }
    }

    /** Writes step count, hyper-parameters and moments. */
    @Override
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeLong(steps);
        out.writeFloat(learningRate);
        out.writeFloat(beta1);
        out.writeFloat(beta2);
        out.writeFloat(eps);
        out.writeFloat(weightDecay);
        out.writeInt(moments.size());
        for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
            out.writeUTF(e.getKey());
            for (NDArray a : e.getValue()) {
                byte[] bytes = a.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * Reads what {@link #save} wrote, replacing this optimizer's step count, learning rate and
     * moments (the moments go to {@code manager}; betas, eps and weight decay must match).
     */
    @Override
    public void load(DataInputStream in, NDManager manager) throws IOException {
        if (in.readInt() != MAGIC) throw new IOException("not an AdamW state stream");
        int format = in.readInt();
        if (format != FORMAT) throw new IOException("unsupported AdamW state format " + format);
        long savedSteps = in.readLong();
        float lr = in.readFloat();
        float b1 = in.readFloat();
        float b2 = in.readFloat();
        float e = in.readFloat();
        float wd = in.readFloat();
        if (b1 != beta1 || b2 != beta2 || e != eps || wd != weightDecay) {
            throw new IOException("AdamW state was saved with betas " + b1 + "/" + b2 + ", eps " + e + ", weight decay " + wd
                    + " but this optimizer has " + beta1 + "/" + beta2 + ", " + eps + ", " + weightDecay);
        }
        int count = in.readInt();
        Map<String, NDArray[]> loaded = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readUTF();
            NDArray[] mv = new NDArray[2];
            for (int j = 0; j < 2; j++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                mv[j] = manager.decode(bytes);
                NDScope.unregister(mv[j]);
            }
            loaded.put(key, mv);
        }
        for (NDArray[] old : moments.values()) {
            old[0].close();
            old[1].close();
        }
        moments.clear();
        moments.putAll(loaded);
        steps = savedSteps;
        learningRate = lr;
    }
}
