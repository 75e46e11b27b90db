package io.couriermq.bench.cluster;

/** The text of one Prometheus scrape, and the reading the benchmarks take from it. */
public record PrometheusScrape(String text) {

    /**
     * The largest value of metric {@code name} over its label sets (e.g. one per slave of a master), or NaN if
     * the broker does not export it.
     */
    public double max(String name) {
        double max = Double.NaN;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                max = Double.isNaN(max) ? value : Math.max(max, value);
            }
        }
        return max;
    }
}
