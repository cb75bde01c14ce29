/**
 * Starts Hawtio 3 on a port of its own (default 8090, bound to 127.0.0.1). Run by bin/hawtio as a single-file
 * program: hawtio-embedded's own main() ignores its arguments, run(String...) reads them.
 */
public class HawtioLauncher {
    public static void main(String[] args) {
        io.hawt.embedded.Main.run(args);
    }
}
