package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * PCF, plateau class freezing (paper, section 2.2): when the best unfrozen class's recent maximum
 * (last delta epochs) falls more than epsilon below its maximum since the last trigger, that class
 * gets weight {@code low} for good. See {@link PlateauTrigger} for the exact test and for the two
 * readings of the paper's initial score S_0 = 1.
 */
public final class PlateauClassFreezing extends AbstractSchedule {
    public static final String NAME = "pcf";
    private final PlateauTrigger trigger;
    private final double low;

    /** No initial score: epoch 0 never enters a window. */
    public PlateauClassFreezing(int numClasses, int delta, double epsilon, double low) {
        this(numClasses, delta, epsilon, low, null);
    }

    /** @param initialScore S_0 of every class (the paper's {S_i}_0 = 1 read literally), or null for none */
    public PlateauClassFreezing(int numClasses, int delta, double epsilon, double low, Double initialScore) {
        super(numClasses, ConstantWeights.ones(numClasses));
        this.trigger = new PlateauTrigger(numClasses, delta, epsilon, initialScore);
        this.low = low;
    }

    @Override
    protected void advance(int epoch, double[] scores) {
        OptionalInt frozen = trigger.observe(epoch, scores);
        frozen.ifPresent(i -> weights[i] = low);
    }

    /** Which classes are frozen (index = class - 1). */
    public boolean[] frozen() { return trigger.frozen(); }

    /** u, the epoch of the last trigger, 0 before any. */
    public int lastTrigger() { return trigger.lastTrigger(); }

    /** S_0 of every class, or null: none. */
    public Double initialScore() { return trigger.initialScore(); }

    @Override
    protected void saveRuleState(ObjectNode state) { trigger.save(state); }

    @Override
    protected void restoreRuleState(JsonNode state) { trigger.restore(state); }

    @Override
    public String name() { return NAME; }
}
