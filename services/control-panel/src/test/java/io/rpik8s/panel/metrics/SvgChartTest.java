package io.rpik8s.panel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachSeriesIsALineInItsOwnColorWithItsLabelsInTheLegend() throws Exception {
        Chart chart = SvgChart.draw("Temperature", "node_thermal_zone_temp", JSON.readTree("""
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"__name__":"node_thermal_zone_temp","node":"pi-1","job":"node-exporter"},
                  "values":[[1000,"50.0"],[1060,"52.5"],[1120,"55.0"]]},
                 {"metric":{"node":"pi-2"},"values":[[1000,"40"],[1120,"41"]]}]}}"""), 1000, 1120);

        assertThat(chart.svg()).startsWith("<svg").endsWith("</svg>");
        assertThat(chart.svg().split("<polyline", -1)).hasSize(3);
        assertThat(chart.legend()).extracting(Chart.LegendEntry::label).containsExactly("node=pi-1", "node=pi-2");
        assertThat(chart.legend().get(0).color()).isNotEqualTo(chart.legend().get(1).color());
        // The first point of pi-1 is at the left edge, the last at the right one.
        assertThat(chart.svg()).contains("56.0,").contains("708.0,");
        assertThat(chart.message()).isNull();
    }

    @Test
    void noDataSaysSoInsteadOfDrawingAnEmptyChart() throws Exception {
        Chart chart = SvgChart.draw("CPU", "node_load1", JSON.readTree(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"), 0, 3600);
        assertThat(chart.svg()).isEmpty();
        assertThat(chart.message()).contains("No data");
    }

    @Test
    void aTitleCannotInjectMarkup() throws Exception {
        Chart chart = SvgChart.draw("<script>", "q", JSON.readTree("""
                {"data":{"result":[{"metric":{},"values":[[0,"1"],[60,"2"]]}]}}"""), 0, 60);
        assertThat(chart.svg()).doesNotContain("<script>").contains("&lt;script&gt;");
    }
}
