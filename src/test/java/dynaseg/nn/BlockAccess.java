package dynaseg.nn;

import ai.djl.nn.Block;
import ai.djl.util.Pair;

/** Test access to a DJL block's children by the name given to addChildBlock (DJL prefixes an index). */
final class BlockAccess {
    private BlockAccess() {}

    static Block child(Block block, String name) {
        for (Pair<String, Block> pair : block.getChildren()) {
            if (pair.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return pair.getValue();
            }
        }
        throw new IllegalArgumentException("no child " + name + " in " + block.getChildren().keys());
    }
}
