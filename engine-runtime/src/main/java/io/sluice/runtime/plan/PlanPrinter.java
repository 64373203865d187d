package io.sluice.runtime.plan;

import io.sluice.api.Pipeline;
import io.sluice.api.transform.Transform;
import java.util.StringJoiner;

/** Renders the logical graph and the physical DAG as text for {@code sluice plan}. */
public final class PlanPrinter {

    private PlanPrinter() {
    }

    /** One line per transform: id, kind, name, uid and inputs. */
    public static String logical(Pipeline pipeline) {
        StringBuilder sb = new StringBuilder("Logical graph (").append(pipeline.transforms().size()).append(" stages)\n");
        int nameWidth = 4;
        for (Transform t : pipeline.transforms()) {
            nameWidth = Math.max(nameWidth, t.name().length());
        }
        for (Transform t : pipeline.transforms()) {
            StringJoiner inputs = new StringJoiner(", ");
            for (Transform in : t.inputs()) {
                inputs.add("#" + in.id());
            }
            sb.append(String.format("  #%-3d %-18s %-" + nameWidth + "s  uid=%s%s%s%n",
                    t.id(), t.kind().label(), t.name(), t.uid(),
                    t.parallelism() > 0 ? "  parallelism=" + t.parallelism() : "",
                    t.inputs().isEmpty() ? "" : "  <- " + inputs));
        }
        return sb.toString();
    }

    /** The vertices with their fused chains and parallelism, then the edges with their kinds. */
    public static String physical(PhysicalPlan plan) {
        StringBuilder sb = new StringBuilder("Physical DAG (").append(plan.vertices().size()).append(" vertices, ")
                .append(plan.taskletCount()).append(" tasklets, ").append(plan.maxKeyGroups()).append(" key groups)\n");
        for (VertexPlan v : plan.vertices()) {
            sb.append("  v").append(v.id()).append("  parallelism=").append(v.parallelism());
            if (v.chain().size() > 1) {
                sb.append("  fused chain of ").append(v.chain().size()).append(": ").append(v.name());
            }
            sb.append('\n');
            for (Transform t : v.chain()) {
                sb.append("      ").append(t.kind().label()).append(' ').append(t.name())
                        .append("  (#").append(t.id()).append(')');
                if (t == v.first() && v.headCombinesPartials()) {
                    sb.append("  combines the partials of its local stage");
                }
                sb.append('\n');
            }
        }
        if (plan.edges().isEmpty()) {
            sb.append("  no edges: the whole job runs as one fused chain per instance\n");
        } else {
            sb.append("Edges\n");
            for (EdgePlan e : plan.edges()) {
                sb.append("  v").append(e.from().id()).append(" -> v").append(e.to().id()).append("  ")
                        .append(e.kind().label()).append("  (").append(e.from().parallelism()).append(" -> ")
                        .append(e.to().parallelism()).append(" instances)\n");
            }
        }
        return sb.toString();
    }
}
