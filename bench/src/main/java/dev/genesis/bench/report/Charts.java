package dev.genesis.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws {@link BarChart}s into PNGs with Java2D alone (works headless: no display needed). */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 90;
    private static final Color[] PALETTE = {new Color(0x3b6ea5), new Color(0xe0823d), new Color(0x5aa469),
        new Color(0x9b5fc0), new Color(0xc44e52), new Color(0x8c8c8c)};

    private Charts() {
    }

    /** Renders the chart and writes it as {@code dir/chart.file()}. */
    public static Path write(BarChart chart, Path dir) throws IOException {
        Path file = dir.resolve(chart.file());
        if (!ImageIO.write(render(chart), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return file;
    }

    public static BufferedImage render(BarChart chart) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            draw(g, chart);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void draw(Graphics2D g, BarChart chart) {
        Axis axis = Axis.fitting(chart.values().stream().flatMap(List::stream).toList(), chart.target(),
                chart.logScale());
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(chart.title(), LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(chart.unit(), 10, TOP - 10);
        for (double tick : axis.ticks()) {
            int y = TOP + plotH - (int) Math.round(plotH * axis.fraction(tick));
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = number(tick);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        int groups = Math.max(1, chart.categories().size());
        int seriesCount = Math.max(1, chart.series().size());
        double groupW = (double) plotW / groups;
        double barW = groupW * 0.8 / seriesCount;
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < chart.categories().size(); c++) {
            double gx = LEFT + c * groupW + groupW * 0.1;
            for (int s = 0; s < chart.series().size(); s++) {
                Double v = chart.values().get(s).get(c);
                if (v == null || Double.isNaN(axis.fraction(v))) {
                    continue;
                }
                int h = (int) Math.round(plotH * axis.fraction(v));
                int x = (int) Math.round(gx + s * barW);
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(x, TOP + plotH - h, Math.max(1, (int) barW - 2), h);
                g.setColor(Color.DARK_GRAY);
                String label = number(v);
                if (fm.stringWidth(label) <= barW + 6) {
                    g.drawString(label, x, TOP + plotH - h - 3);
                }
            }
            g.setColor(Color.BLACK);
            String cat = chart.categories().get(c);
            int cx = (int) Math.round(LEFT + c * groupW + groupW / 2 - fm.stringWidth(cat) / 2.0);
            g.drawString(cat, Math.max(2, cx), TOP + plotH + 16);
        }
        if (chart.target() != null) {
            int y = TOP + plotH - (int) Math.round(plotH * axis.fraction(chart.target()));
            g.setColor(new Color(0xc44e52));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setStroke(new BasicStroke());
            String label = chart.targetLabel() == null ? "target" : chart.targetLabel();
            g.drawString(label, LEFT + plotW - fm.stringWidth(label), y - 4);
        }
        // Legend below the axis labels.
        int lx = LEFT;
        int ly = HEIGHT - 30;
        for (int s = 0; s < chart.series().size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(lx, ly - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(chart.series().get(s), lx + 16, ly);
            lx += 16 + fm.stringWidth(chart.series().get(s)) + 24;
        }
    }

    static String number(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v != 0 && Math.abs(v) < 1) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
