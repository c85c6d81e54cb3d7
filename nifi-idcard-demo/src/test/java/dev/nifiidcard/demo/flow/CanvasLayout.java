package dev.nifiidcard.demo.flow;

import org.apache.nifi.flow.Position;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedLabel;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A group's canvas as NiFi 2.8.0's UI draws it, and what would make it hard to read: a processor, connection label or
 * note over another, a connection through a processor, a note or another connection's label, a step above the one
 * that feeds it.
 */
final class CanvasLayout {

    /**
     * Sizes in NiFi 2.8.0's UI (nifi-frontend, flow-designer/service/manager): a processor is 352 x 128
     * (processor-manager.service.ts); a connection's label is 240 wide, 19 px a row plus 3 (connection-manager.service.ts),
     * two rows between processors (its relationships, Queued), centred on the bend at labelIndex, or on the middle of a
     * connection without bends (canvas-utils.service.ts getPositionForCenteringConnection).
     */
    private static final double PROCESSOR_WIDTH = 352;
    private static final double PROCESSOR_HEIGHT = 128;
    private static final double CONNECTION_LABEL_WIDTH = 240;
    private static final double CONNECTION_LABEL_HEIGHT = 2 * 19 + 3;
    /** Space kept free around everything drawn. */
    private static final double MARGIN = 4;

    private record Line(String name, String source, String destination, List<double[]> points) {
    }

    private final VersionedProcessGroup group;
    private final Map<String, double[]> boxes = new HashMap<>();
    private final List<Map.Entry<String, double[]>> drawn = new ArrayList<>();
    private final List<Map.Entry<String, double[]>> notes = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    CanvasLayout(final VersionedProcessGroup group) {
        this.group = group;
        for (final VersionedProcessor processor : group.getProcessors()) {
            final double[] box = rectangle(processor.getPosition().getX(), processor.getPosition().getY(), PROCESSOR_WIDTH, PROCESSOR_HEIGHT);
            boxes.put(processor.getIdentifier(), box);
            drawn.add(Map.entry("processor " + processor.getName(), box));
        }
        for (final VersionedLabel label : group.getLabels()) {
            final double[] box = rectangle(label.getPosition().getX(), label.getPosition().getY(), label.getWidth(), label.getHeight());
            notes.add(Map.entry("label '" + label.getLabel().lines().findFirst().orElse("") + "'", box));
        }
        drawn.addAll(notes);
        for (final VersionedConnection connection : group.getConnections()) {
            addConnection(connection);
        }
    }

    private void addConnection(final VersionedConnection connection) {
        final String name = connection.getSource().getName() + " -" + String.join(",", new TreeSet<>(connection.getSelectedRelationships()))
                + "-> " + connection.getDestination().getName();
        final List<double[]> points = new ArrayList<>();
        points.add(centre(boxes.get(connection.getSource().getId())));
        for (final Position bend : connection.getBends()) {
            points.add(new double[]{bend.getX(), bend.getY()});
        }
        points.add(centre(boxes.get(connection.getDestination().getId())));
        final double[] at;
        if (connection.getBends().isEmpty()) {
            final double[] from = points.get(0);
            final double[] to = points.get(points.size() - 1);
            at = new double[]{(from[0] + to[0]) / 2, (from[1] + to[1]) / 2};
        } else {
            at = points.get(1 + Math.min(Math.max(0, connection.getLabelIndex()), connection.getBends().size() - 1));
        }
        drawn.add(Map.entry("the label of " + name, rectangle(at[0] - CONNECTION_LABEL_WIDTH / 2, at[1] - CONNECTION_LABEL_HEIGHT / 2,
                CONNECTION_LABEL_WIDTH, CONNECTION_LABEL_HEIGHT)));
        lines.add(new Line(name, connection.getSource().getId(), connection.getDestination().getId(), points));
    }

    /** What overlaps or is crossed, one line each; empty when the canvas reads at a glance. */
    List<String> problems() {
        final List<String> problems = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            for (int j = i + 1; j < drawn.size(); j++) {
                if (overlaps(drawn.get(i).getValue(), drawn.get(j).getValue())) {
                    problems.add(drawn.get(i).getKey() + " overlaps " + drawn.get(j).getKey());
                }
            }
        }
        for (final Line line : lines) {
            for (int k = 1; k < line.points().size(); k++) {
                problems.addAll(crossings(line, line.points().get(k - 1), line.points().get(k)));
            }
        }
        return problems;
    }

    private List<String> crossings(final Line line, final double[] from, final double[] to) {
        final List<String> problems = new ArrayList<>();
        for (final VersionedProcessor processor : group.getProcessors()) {
            final String id = processor.getIdentifier();
            if (!id.equals(line.source()) && !id.equals(line.destination()) && crosses(from, to, boxes.get(id))) {
                problems.add(line.name() + " crosses processor " + processor.getName());
            }
        }
        for (final Map.Entry<String, double[]> note : notes) {
            if (crosses(from, to, note.getValue())) {
                problems.add(line.name() + " crosses " + note.getKey());
            }
        }
        for (final Map.Entry<String, double[]> other : drawn) {
            if (other.getKey().startsWith("the label of ") && !other.getKey().equals("the label of " + line.name())
                    && crosses(from, to, other.getValue())) {
                problems.add(line.name() + " crosses " + other.getKey());
            }
        }
        return problems;
    }

    /** Connections whose destination is drawn above their source: the flow reads top to bottom. */
    List<String> upwards() {
        final List<String> upwards = new ArrayList<>();
        for (final VersionedConnection connection : group.getConnections()) {
            final double[] from = boxes.get(connection.getSource().getId());
            final double[] to = boxes.get(connection.getDestination().getId());
            if (from != to && to[1] < from[1]) {
                upwards.add(connection.getSource().getName() + " -> " + connection.getDestination().getName() + " goes up the canvas");
            }
        }
        return upwards;
    }

    private static double[] rectangle(final double x, final double y, final double width, final double height) {
        return new double[]{x, y, x + width, y + height};
    }

    private static double[] centre(final double[] box) {
        return new double[]{(box[0] + box[2]) / 2, (box[1] + box[3]) / 2};
    }

    private static boolean overlaps(final double[] a, final double[] b) {
        return a[0] < b[2] + MARGIN && b[0] < a[2] + MARGIN && a[1] < b[3] + MARGIN && b[1] < a[3] + MARGIN;
    }

    /** Whether the segment from-to passes through the box grown by MARGIN (Liang-Barsky clipping). */
    private static boolean crosses(final double[] from, final double[] to, final double[] box) {
        final double dx = to[0] - from[0];
        final double dy = to[1] - from[1];
        final double[] p = {-dx, dx, -dy, dy};
        final double[] q = {from[0] - (box[0] - MARGIN), box[2] + MARGIN - from[0], from[1] - (box[1] - MARGIN), box[3] + MARGIN - from[1]};
        double enter = 0;
        double leave = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else if (p[i] < 0) {
                enter = Math.max(enter, q[i] / p[i]);
            } else {
                leave = Math.min(leave, q[i] / p[i]);
            }
        }
        return enter < leave;
    }
}
