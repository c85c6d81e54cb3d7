package dev.nifiidcard.demo.flow;

import dev.nifiidcard.camera.GetCameraImage;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The flow definitions in flows/ that users import into NiFi, each written by the build from nifi-idcard-demo/src/flow/.
 * Surefire passes their paths; the defaults serve a run from the IDE in the module's directory.
 */
enum EnrollmentFlow {

    /** Recognition with Tencent Cloud: every card is a billed call. */
    CLOUD("flow.definition", "idcard-enrollment.json", "ID Card Enrollment", Set.of("Tencent Secret ID", "Tencent Secret Key"),
            Map.of(GetCameraImage.class.getName(), 1L, SignAndRecognizeIdCard.class.getName(), 1L,
                    TencentCloudIdCardOcrService.class.getName(), 1L)),
    /** The same flow recognizing on the NiFi host: no credentials, nothing billed. */
    OFFLINE("flow.definition.offline", "idcard-enrollment-offline.json", "ID Card Enrollment (offline)", Set.of(),
            Map.of(GetCameraImage.class.getName(), 1L, SignAndRecognizeIdCard.class.getName(), 1L,
                    FlowComponents.OFFLINE_SERVICE, 1L)),
    /** Offline first, Tencent Cloud only for the cards the offline recognizer is not sure of. */
    CASCADE("flow.definition.cascade", "idcard-enrollment-cascade.json", "ID Card Enrollment (cascade)",
            Set.of("Tencent Secret ID", "Tencent Secret Key"),
            Map.of(GetCameraImage.class.getName(), 1L, SignAndRecognizeIdCard.class.getName(), 2L,
                    FlowComponents.OFFLINE_SERVICE, 1L, TencentCloudIdCardOcrService.class.getName(), 1L));

    private final String property;
    private final String fileName;
    private final String groupName;
    private final Set<String> sensitiveParameters;
    private final Map<String, Long> ourComponents;

    EnrollmentFlow(final String property, final String fileName, final String groupName, final Set<String> sensitiveParameters,
                   final Map<String, Long> ourComponents) {
        this.property = property;
        this.fileName = fileName;
        this.groupName = groupName;
        this.sensitiveParameters = sensitiveParameters;
        this.ourComponents = ourComponents;
    }

    Path file() {
        return Path.of(System.getProperty(property, "../flows/" + fileName));
    }

    String fileName() {
        return fileName;
    }

    /** The process group's name, and its parameter context's: each flow has its own, so importing two shares nothing. */
    String groupName() {
        return groupName;
    }

    Set<String> sensitiveParameters() {
        return sensitiveParameters;
    }

    /** How many of each of our component types the flow holds. */
    Map<String, Long> ourComponents() {
        return ourComponents;
    }
}
