package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dynaseg.testutil.PythonPeer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdamWTest {
    static final float[] W0 = {0.3f, -0.2f, 0.5f, 0.1f, -0.4f, 0.25f}; // Linear(3 -> 2) weight
    static final float[] B0 = {0.05f, -0.1f};
    static final float[] X = {1f, 2f, -1f, 0.5f, -0.5f, 3f}; // 2 samples x 3
    static final float[] T = {1f, -1f, 0.5f, 2f};
    static final float[] LR = {0.1f, 0.1f, 0.05f, 0.05f, 0.02f, 0.02f}; // changed between steps

    private static Block newLinear(NDManager m) {
        Block lin = Linear.builder().setUnits(2).build();
        lin.setInitializer(ai.djl.training.initializer.Initializer.ZEROS, Parameter.Type.WEIGHT);
        lin.initialize(m, DataType.FLOAT32, new Shape(2, 3));
        lin.getParameters().get("weight").getArray().set(W0);
        lin.getParameters().get("bias").getArray().set(B0);
        return lin;
    }

    /** Loss = sum((x W^T + b - t)^2 * scale): a quadratic; scale makes gradients of different size per step. */
    private static void gradientOnce(Block lin, NDManager m, float scale) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = lin.forward(new ParameterStore(m, false), new NDList(m.create(X, new Shape(2, 3))), true).singletonOrThrow();
            gc.backward(y.sub(m.create(T, new Shape(2, 2))).square().sum().mul(scale));
        }
    }

    private static float[] state(Block lin) {
        float[] w = lin.getParameters().get("weight").getArray().toFloatArray();
        float[] b = lin.getParameters().get("bias").getArray().toFloatArray();
        float[] all = Arrays.copyOf(w, w.length + b.length);
        System.arraycopy(b, 0, all, w.length, b.length);
        return all;
    }

    private static float[] runSteps(AdamW opt, Block lin, NDManager m, int from, int to) {
        for (int i = from; i < to; i++) {
            opt.setLearningRate(LR[i]);
            gradientOnce(lin, m, 1f / (i + 1));
            opt.step(lin);
        }
        return state(lin);
    }

    @Test
    void equalsTorchAdamWOverSixStepsWithChangingLearningRate() {
        PythonPeer.require("torch");
        float[] ours;
        try (NDManager m = NDManager.newBaseManager()) {
            Block lin = newLinear(m);
            ours = runSteps(new AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0.05f), lin, m, 0, LR.length);
        }
        String out = PythonPeer.run(String.join("\n",
                "import torch",
                "w = torch.tensor(" + Arrays.toString(W0) + ").reshape(2,3).requires_grad_()",
                "b = torch.tensor(" + Arrays.toString(B0) + ").requires_grad_()",
                "x = torch.tensor(" + Arrays.toString(X) + ").reshape(2,3)",
                "t = torch.tensor(" + Arrays.toString(T) + ").reshape(2,2)",
                "opt = torch.optim.AdamW([w, b], lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05)",
                "for i, lr in enumerate(" + Arrays.toString(LR) + "):",
                "    for g in opt.param_groups: g['lr'] = lr",
                "    opt.zero_grad()",
                "    ((x @ w.T + b - t).square().sum() / (i + 1)).backward()",
                "    opt.step()",
                "print(' '.join(repr(float(v)) for v in torch.cat([w.detach().flatten(), b.detach()])))"));
        String[] parts = out.trim().split("\\s+");
        float[] torch = new float[parts.length];
        for (int i = 0; i < parts.length; i++) torch[i] = Float.parseFloat(parts[i]);
        assertArrayEquals(torch, ours, 1e-5f);
    }

    @Test
    void savedStateResumesExactly() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] straight = runSteps(new AdamW(0.1f, 0.01f), newLinear(m), m, 0, LR.length);

            Block lin = newLinear(m);
            AdamW first = new AdamW(0.1f, 0.01f);
            runSteps(first, lin, m, 0, 3);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.save(new DataOutputStream(bytes));
            AdamW resumed = new AdamW(0.1f, 0.01f);
            resumed.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), m);
            assertEquals(3, resumed.steps());
            assertEquals(LR[2], resumed.learningRate());
            float[] after = runSteps(resumed, lin, m, 3, LR.length);
            assertArrayEquals(straight, after, 0f);

            AdamW otherDecay = new AdamW(0.1f, 0.02f);
            assertThrows(IOException.class, () -> otherDecay.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), m));
        }
    }

    @Test
    void gradientsAreZeroedAfterAStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block lin = newLinear(m);
            gradientOnce(lin, m, 1f);
            new AdamW(0.1f, 0f).step(lin);
            for (Parameter p : lin.getParameters().values()) {
                assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat());
            }
        }
    }
}
