package dev.nifiidcard.processors;

import dev.nifiidcard.ocr.ImageSource;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;

import java.io.InputStream;

/** FlowFile content as an image source: each open streams it again from the content repository. */
record FlowFileImageSource(ProcessSession session, FlowFile flowFile) implements ImageSource {

    @Override
    public long length() {
        return flowFile.getSize();
    }

    @Override
    public InputStream open() {
        return session.read(flowFile);
    }
}
