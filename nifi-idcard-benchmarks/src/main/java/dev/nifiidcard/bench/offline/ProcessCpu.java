package dev.nifiidcard.bench.offline;

import java.lang.management.ManagementFactory;

/** CPU time of the whole JVM: nifi-mock runs the processor on its own thread, and ONNX Runtime computes on that thread. */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
