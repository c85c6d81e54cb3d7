package dev.nifiidcard.offline.ocr;

/** A detected text box and its DB score, the mean text probability inside it. */
record DetectedBox(Quad box, double score) {
}
