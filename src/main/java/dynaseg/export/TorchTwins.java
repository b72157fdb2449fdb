package dynaseg.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import dynaseg.nn.ConvNormAct3d;
import dynaseg.nn.InstanceNorm3d;
import dynaseg.nn.LambdaLayer3d;
import dynaseg.nn.MultiHeadSelfAttention;
import dynaseg.nn.Networks;
import dynaseg.nn.ResidualConvBlock3d;
import dynaseg.nn.UNet3D;
import dynaseg.nn.Unetr;
import dynaseg.nn.UpSample2x;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * dynaseg's networks as the {@code state_dict()} of their PyTorch twins in {@code bench/}
 * ({@code torch_unet3d.py} class {@code UNet3D}; {@code torch_unetr.py} function {@code build} for
 * UNETR and Lambda3D), so that {@code bench/torch_from_safetensors.py} can load them with
 * {@code load_state_dict(strict=True)} and compute the same logits.
 *
 * <p>The mapping walks the network's blocks by type and by the names the {@code dynaseg.nn} classes
 * give their children, and then demands that every DJL parameter was used exactly once: a block
 * added to a network without a twin counterpart is an error here, never a silently missing
 * weight. The other direction (a twin parameter left unfilled, or a shape that differs) is
 * caught by PyTorch's strict loading, which the twin test runs.
 *
 * <p>Layouts: DJL's Conv3d and Linear weights are PyTorch's (out, in, ...) already; norms' gamma and
 * beta are PyTorch's weight and bias; the position embeddings are (1, T, hidden) with the tokens in
 * z-y-x order on both sides, and the lambda layers' (r, r, r, |u|, |k|). One layout differs: {@link UpSample2x} stores the transposed
 * convolution as a 1x1x1 convolution to 8*out channels ({@code o*8 + a*4 + b*2 + c}), which becomes
 * {@code ConvTranspose3d.weight[in, o, a, b, c]}. PyTorch's BatchNorm1d also keeps a batch counter
 * that DJL does not have; it is written as 0 (PyTorch reads it only with {@code momentum=None}).
 */
public final class TorchTwins {
    private TorchTwins() {}

    /**
     * The parameters of {@code network} (initialised, built by {@link Networks#create} for
     * {@code model}) under their twin's names, in the twin's layouts. The arrays are the network's
     * own parameter arrays, or new arrays attached to the same managers; do not close them.
     *
     * @throws IllegalArgumentException for an unknown model, or a network that is not that model
     * @throws IllegalStateException when the network is not initialised, or has a parameter the
     *     twin has no place for
     */
    public static LinkedHashMap<String, NDArray> stateDict(String model, Block network) {
        String m = Networks.checkModel(model);
        StateDict sd = new StateDict();
        if (m.equals(Networks.UNET3D)) {
            if (!(network instanceof UNet3D)) throw notA(m, network);
            unet3d(sd, (UNet3D) network);
        } else {
            Class<? extends Block> mixer = m.equals(Networks.LAMBDA3D) ? LambdaLayer3d.class : MultiHeadSelfAttention.class;
            // UNETR and Lambda3D share the Unetr skeleton; the token mixer tells them apart
            if (!(network instanceof Unetr) || !mixer.isInstance(child(child(child(network, "vit"), "block01"), "mixer"))) {
                throw notA(m, network);
            }
            unetr(sd, network, mixer);
        }
        sd.requireAllUsed(network);
        return sd.tensors;
    }

    /**
     * The settings {@code bench/torch_from_safetensors.py} rebuilds the twin from, as safetensors
     * metadata: {@code format} ("pt", the convention of Hugging Face's PyTorch files),
     * {@code producer}, {@code model}, {@code preset}, {@code in_channels}, {@code classes},
     * {@code patch} (the training patch edge; UNETR's and Lambda3D's position embeddings fix it)
     * and, for unet3d, {@code unet_channels} ("8,16,32,64"; null = the preset's).
     */
    public static Map<String, String> metadata(String model, String preset, int inChannels, int classes, int[] unetChannels, int patch) {
        String m = Networks.checkModel(model);
        String p = Networks.checkPreset(preset);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("producer", "dynaseg");
        meta.put("model", m);
        meta.put("preset", p);
        meta.put("in_channels", Integer.toString(inChannels));
        meta.put("classes", Integer.toString(classes));
        meta.put("patch", Integer.toString(patch));
        if (m.equals(Networks.UNET3D)) {
            int[] channels = unetChannels != null ? unetChannels : Networks.defaultUnetChannels(p);
            meta.put("unet_channels", Arrays.stream(channels).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        }
        return meta;
    }

    // ---- bench/torch_unet3d.py: enc.i = Sequential(conv, norm, act, conv, norm, act); up.j, dec.j from the bottom; head

    private static void unet3d(StateDict sd, UNet3D net) {
        int levels = net.channels().length;
        for (int i = 0; i < levels; i++) convNormActPair(sd, child(net, "enc" + i), "enc." + i);
        for (int i = levels - 2; i >= 0; i--) {
            int j = levels - 2 - i; // the twin lists the decoder from the deepest level up
            transposedConv(sd, child(net, "up" + i), "up." + j);
            convNormActPair(sd, child(net, "dec" + i), "dec." + j);
        }
        layer(sd, child(net, "head"), "head");
    }

    /** Two ConvNormAct3d in a SequentialBlock = indices 0, 1 (and the activation 2), then 3, 4 of the twin's Sequential. */
    private static void convNormActPair(StateDict sd, Block pair, String prefix) {
        List<Block> units = children(pair);
        if (!(pair instanceof SequentialBlock) || units.size() != 2) throw unexpected(prefix, pair, "two ConvNormAct3d");
        for (int k = 0; k < 2; k++) {
            Block unit = as(ConvNormAct3d.class, units.get(k), prefix);
            layer(sd, child(unit, "conv"), prefix + "." + 3 * k);
            affine(sd, as(InstanceNorm3d.class, child(unit, "norm"), prefix), prefix + "." + (3 * k + 1));
        }
    }

    // ---- bench/torch_unetr.py: embed, pos, blocks.i, norm, encoder1..4, decoder5..2, out

    private static void unetr(StateDict sd, Block net, Class<? extends Block> mixerType) {
        Block vit = child(net, "vit");
        Block embedding = child(vit, "embedding");
        sd.copy(embedding, "positionEmbedding", "pos");
        layer(sd, child(embedding, "projection"), "embed");
        int i = 0;
        for (Pair<String, Block> c : vit.getChildren()) {
            if (!bare(c.getKey()).startsWith("block")) continue;
            String prefix = "blocks." + i++;
            Block block = c.getValue();
            affine(sd, child(block, "mixerNorm"), prefix + ".norm1");
            mixer(sd, as(mixerType, child(block, "mixer"), prefix), prefix + ".mixer");
            affine(sd, child(block, "mlpNorm"), prefix + ".norm2");
            Block mlp = child(block, "mlp");
            layer(sd, child(mlp, "expand"), prefix + ".mlp.0"); // 1 is the GELU
            layer(sd, child(mlp, "contract"), prefix + ".mlp.2");
        }
        affine(sd, child(vit, "finalNorm"), "norm");
        residual(sd, child(child(net, "encoder1"), "body"), "encoder1");
        for (String name : List.of("encoder2", "encoder3", "encoder4")) {
            // UnetrPrUpBlock's stages are in the order of the twin's Sequential body
            List<Block> stages = children(child(net, name));
            for (int k = 0; k < stages.size(); k++) upOrConv(sd, stages.get(k), name + ".body." + k);
        }
        for (String name : List.of("decoder5", "decoder4", "decoder3", "decoder2")) {
            Block decoder = child(net, name);
            upOrConv(sd, children(decoder).get(0), name + ".up"); // "up" or, without up-sampling, "projection"
            residual(sd, child(decoder, "conv"), name + ".conv");
        }
        layer(sd, child(net, "out"), "out");
    }

    private static void mixer(StateDict sd, Block mixer, String prefix) {
        if (mixer instanceof MultiHeadSelfAttention) {
            layer(sd, child(mixer, "qkv"), prefix + ".qkv");
            layer(sd, child(mixer, "output"), prefix + ".out");
        } else {
            sd.copy(mixer, "positionEmbedding", prefix + ".embedding"); // (r, r, r, u, k) in both
            layer(sd, child(mixer, "toQueries"), prefix + ".to_q");
            layer(sd, child(mixer, "toKeys"), prefix + ".to_k");
            layer(sd, child(mixer, "toValues"), prefix + ".to_v");
            batchNorm(sd, child(mixer, "queryNorm"), prefix + ".norm_q");
            batchNorm(sd, child(mixer, "valueNorm"), prefix + ".norm_v");
        }
    }

    /** ResidualConvBlock3d = the twin's ResBlock: conv1, norm1, conv2, norm2 and, when present, proj = (conv3, norm3). */
    private static void residual(StateDict sd, Block block, String prefix) {
        as(ResidualConvBlock3d.class, block, prefix);
        layer(sd, child(block, "conv1"), prefix + ".conv1");
        affine(sd, child(block, "norm1"), prefix + ".norm1");
        layer(sd, child(block, "conv2"), prefix + ".conv2");
        affine(sd, child(block, "norm2"), prefix + ".norm2");
        if (hasChild(block, "conv3")) {
            layer(sd, child(block, "conv3"), prefix + ".proj.0");
            affine(sd, child(block, "norm3"), prefix + ".proj.1");
        }
    }

    private static void upOrConv(StateDict sd, Block block, String prefix) {
        if (block instanceof UpSample2x) {
            transposedConv(sd, block, prefix);
        } else if (block instanceof Conv3d) {
            layer(sd, block, prefix);
        } else {
            residual(sd, block, prefix);
        }
    }

    // ---- layers

    /** Conv3d or Linear: the same weight layout and names in DJL and PyTorch. */
    private static void layer(StateDict sd, Block layer, String prefix) {
        if (!(layer instanceof Conv3d) && !(layer instanceof Linear)) throw unexpected(prefix, layer, "Conv3d or Linear");
        sd.copy(layer, "weight", prefix + ".weight");
        if (hasParameter(layer, "bias")) sd.copy(layer, "bias", prefix + ".bias");
    }

    /** InstanceNorm3d(affine=True) or LayerNorm: gamma and beta are PyTorch's weight and bias. */
    private static void affine(StateDict sd, Block norm, String prefix) {
        if (!(norm instanceof InstanceNorm3d) && !(norm instanceof LayerNorm)) throw unexpected(prefix, norm, "InstanceNorm3d or LayerNorm");
        sd.copy(norm, "gamma", prefix + ".weight");
        sd.copy(norm, "beta", prefix + ".bias");
    }

    private static void batchNorm(StateDict sd, Block norm, String prefix) {
        as(BatchNorm.class, norm, prefix);
        sd.copy(norm, "gamma", prefix + ".weight");
        sd.copy(norm, "beta", prefix + ".bias");
        NDArray mean = sd.take(norm, "runningMean");
        sd.put(prefix + ".running_mean", mean);
        sd.copy(norm, "runningVar", prefix + ".running_var");
        sd.put(prefix + ".num_batches_tracked", mean.getManager().create(0L));
    }

    /**
     * UpSample2x's 1x1x1 kernel (8*out, in, 1, 1, 1), output channel o*8 + a*4 + b*2 + c, as
     * ConvTranspose3d's weight (in, out, 2, 2, 2).
     */
    private static void transposedConv(StateDict sd, Block up, String prefix) {
        as(UpSample2x.class, up, prefix);
        NDArray kernel = sd.take(child(up, "conv"), "weight");
        long in = kernel.getShape().get(1);
        long out = kernel.getShape().get(0) / 8;
        sd.put(prefix + ".weight", kernel.reshape(out, 2, 2, 2, in).transpose(4, 0, 1, 2, 3));
        if (hasParameter(up, "bias")) sd.copy(up, "bias", prefix + ".bias");
    }

    // ---- bookkeeping

    /** The tensors under construction and the DJL parameters they used. */
    private static final class StateDict {
        final LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
        final Set<Parameter> used = Collections.newSetFromMap(new IdentityHashMap<>());

        NDArray take(Block block, String name) {
            Parameter p = block.getDirectParameters().get(name);
            if (p == null) throw new IllegalStateException(block.getClass().getSimpleName() + " has no parameter '" + name + "'");
            if (!p.isInitialized()) throw new IllegalStateException("the network is not initialised (parameter " + name + ")");
            if (!used.add(p)) throw new IllegalStateException("parameter " + name + " of " + block.getClass().getSimpleName() + " used twice");
            return p.getArray();
        }

        void put(String torchName, NDArray array) {
            if (tensors.putIfAbsent(torchName, array) != null) throw new IllegalStateException("twin name " + torchName + " filled twice");
        }

        void copy(Block block, String djlName, String torchName) {
            put(torchName, take(block, djlName));
        }

        void requireAllUsed(Block network) {
            List<String> left = new ArrayList<>();
            for (Pair<String, Parameter> p : network.getParameters()) {
                if (!used.contains(p.getValue())) left.add(p.getKey());
            }
            if (!left.isEmpty()) {
                throw new IllegalStateException("parameters without a place in the PyTorch twin (extend TorchTwins and the twin): " + left);
            }
        }
    }

    /** A child block by the name its parent gave it (DJL prefixes a two-digit position). */
    private static Block child(Block parent, String name) {
        for (Pair<String, Block> c : parent.getChildren()) {
            if (bare(c.getKey()).equals(name)) return c.getValue();
        }
        throw new IllegalStateException(parent.getClass().getSimpleName() + " has no child '" + name + "' (it has "
                + parent.getChildren().keys() + "): TorchTwins no longer matches dynaseg.nn");
    }

    private static boolean hasChild(Block parent, String name) {
        return parent.getChildren().keys().stream().anyMatch(k -> bare(k).equals(name));
    }

    private static boolean hasParameter(Block block, String name) {
        return block.getDirectParameters().contains(name);
    }

    private static List<Block> children(Block parent) {
        return parent.getChildren().values();
    }

    private static String bare(String childName) {
        return childName.replaceFirst("^\\d+", "");
    }

    private static <T extends Block> T as(Class<T> type, Block block, String prefix) {
        if (!type.isInstance(block)) throw unexpected(prefix, block, type.getSimpleName());
        return type.cast(block);
    }

    private static IllegalStateException unexpected(String prefix, Block block, String expected) {
        return new IllegalStateException("twin module " + prefix + ": expected " + expected + ", found " + block);
    }

    private static IllegalArgumentException notA(String model, Block network) {
        return new IllegalArgumentException("a " + model + " network was expected, got " + network);
    }
}
