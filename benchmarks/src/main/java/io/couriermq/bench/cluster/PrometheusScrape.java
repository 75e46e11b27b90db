package io.couriermq.bench.ha;

/** The text of one Prometheus scrape, and the one reading the benchmark takes from it. */
record PrometheusScrape(String text) {

    /**
     * The largest value of metric {@code name} over its label sets (the benchmark's masters have one slave, so
     * there is one set), or NaN if the broker does not export it.
     */
    double max(String name) {
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
