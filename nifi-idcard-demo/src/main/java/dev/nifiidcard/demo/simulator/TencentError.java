package dev.nifiidcard.demo.simulator;

/** A Tencent Cloud API error as the simulator answers it: {@code {"Response": {"Error": {Code, Message}, RequestId}}}. */
record TencentError(String code, String message) {
}
