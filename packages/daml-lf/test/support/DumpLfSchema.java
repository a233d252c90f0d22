// Prints the protobuf descriptors of the real Daml-LF archive schema (daml_lf.proto and daml_lf_1.proto, as compiled
// into com.daml:daml-lf-dev-archive-java-proto) as one JSON object {"files": [FileDescriptorProto, ...]}.
// Written for dit's schema test (packages/daml-lf/test/real-daml-schema.test.ts), which compiles and runs it with the
// sandbox's classpath; nothing of the real schema is kept in the repository.
import com.google.protobuf.util.JsonFormat;

public final class DumpLfSchema {
  public static void main(String[] args) throws Exception {
    JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    StringBuilder out = new StringBuilder("{\"files\":[");
    out.append(printer.print(com.daml.daml_lf_dev.DamlLf.getDescriptor().toProto()));
    out.append(",");
    out.append(printer.print(com.daml.daml_lf_dev.DamlLf1.getDescriptor().toProto()));
    out.append("]}");
    System.out.println(out);
  }
}
