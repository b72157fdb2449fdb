package dynaseg.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.Organ;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import org.junit.jupiter.api.Test;

class OrganSharesTest {
    @Test
    void sharesAreOverAllLabelledVoxelsOfAllCases() {
        Geometry g = Geometry.axisAligned(4, 1, 1, 1, 1, 1);
        OrganShares s = new OrganShares();
        assertTrue(Double.isNaN(s.percent(Organ.LIVER)));
        s.add(new LabelMap(g, new byte[] {0, 6, 6, 1}));   // 2 liver, 1 spleen
        s.add(new LabelMap(g, new byte[] {6, 0, 0, 13}));  // 1 liver, 1 left adrenal
        assertEquals(2, s.cases());
        assertEquals(60.0, s.percent(Organ.LIVER), 1e-12);
        assertEquals(20.0, s.percent(Organ.SPLEEN), 1e-12);
        assertEquals(20.0, s.percent(Organ.ADRENAL_GLAND_LEFT), 1e-12);
        assertEquals(0.0, s.percent(Organ.AORTA), 1e-12);
        assertTrue(s.table().contains("liver"));
    }

    @Test
    void btcvTargetsCoverAllOrgansAndSumTo100() {
        double sum = 0;
        for (Organ o : Organ.values()) sum += OrganShares.BTCV_PERCENT.get(o);
        assertEquals(100.0, sum, 0.05);
    }
}
