package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * PCF, plateau class freezing (paper, section 2.2): when the best unfrozen class's recent maximum
 * (last delta epochs) falls more than epsilon below its maximum since the last trigger, that class
 * gets weight {@code low} for good. See {@link PlateauTrigger} for the exact test.
 */
public final class PlateauClassFreezing extends AbstractSchedule {
    public static final String NAME = "pcf";
    private final PlateauTrigger trigger;
    private final double low;

    public PlateauClassFreezing(int numClasses, int delta, double epsilon, double low) {
        super(numClasses, ConstantWeights.ones(numClasses));
        this.trigger = new PlateauTrigger(numClasses, delta, epsilon);
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

    @Override
    protected void saveRuleState(ObjectNode state) { trigger.save(state); }

    @Override
    protected void restoreRuleState(JsonNode state) { trigger.restore(state); }

    @Override
    public String name() { return NAME; }
}
