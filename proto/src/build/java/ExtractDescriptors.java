import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Build-time tool: writes the protobuf descriptors embedded in published generated classes as a
 * {@code FileDescriptorSet}, so that a current protoc can regenerate the same contract with
 * {@code --descriptor_set_in} without anyone copying .proto text.
 *
 * <p>Usage (Java single-file source launch, run by the proto module's build in its own JVM):
 * <pre>
 *   java -cp published-classes.jar:protobuf-java.jar ExtractDescriptors OUT.pb OUTER_CLASS...
 * </pre>
 * Each {@code OUTER_CLASS} is a generated outer class with a static {@code getDescriptor()}
 * (e.g. {@code apache.rocketmq.v2.MQService}). The set holds every named file and, transitively, every
 * file it imports (such as {@code google/protobuf/timestamp.proto}), dependencies before dependents, each
 * exactly once, as protoc expects. Silent on success.
 *
 * <p>The classes are only loaded to read their descriptors: no message is ever parsed here.
 */
public final class ExtractDescriptors {

    private ExtractDescriptors() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ExtractDescriptors OUT.pb OUTER_CLASS...");
            System.exit(2);
        }
        Map<String, FileDescriptorProto> ordered = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            addWithDependencies(descriptorOf(args[i]), ordered);
        }
        FileDescriptorSet set = FileDescriptorSet.newBuilder().addAllFile(ordered.values()).build();
        write(set, Path.of(args[0]));
    }

    private static FileDescriptor descriptorOf(String outerClassName) throws ReflectiveOperationException {
        Method getDescriptor = Class.forName(outerClassName).getMethod("getDescriptor");
        return (FileDescriptor) getDescriptor.invoke(null);
    }

    /** Post-order walk: a file is added only after all of its imports, and only once. */
    private static void addWithDependencies(FileDescriptor file, Map<String, FileDescriptorProto> ordered) {
        if (ordered.containsKey(file.getName())) {
            return;
        }
        for (FileDescriptor dependency : file.getDependencies()) {
            addWithDependencies(dependency, ordered);
        }
        ordered.put(file.getName(), file.toProto());
    }

    private static void write(FileDescriptorSet set, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream stream = Files.newOutputStream(out)) {
            set.writeTo(stream);
        }
    }
}
