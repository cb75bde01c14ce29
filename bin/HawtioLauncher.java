import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * Starts Hawtio 3 on a port of its own (default 8090, bound to 127.0.0.1); compiled and run by bin/hawtio.
 * hawtio-embedded's own main() ignores its arguments, run(String...) reads them. {@link Users} is the
 * login: the users file bin/hawtio writes (name = password,role), checked by a JAAS login module.
 */
public class HawtioLauncher {
    public static void main(String[] args) {
        io.hawt.embedded.Main.run(args);
    }

    /** A user or role name, as Hawtio asks the subject for them (hawtio.rolePrincipalClasses names {@link Role}). */
    public record Name(String getName) implements Principal {
    }

    public record Role(String getName) implements Principal {
    }

    /** JAAS: name and password against the users file given as the option {@code file}. */
    public static class Users implements LoginModule {
        private Subject subject;
        private CallbackHandler callbacks;
        private Map<String, ?> options;
        private Principal user;
        private Principal role;

        @Override
        public void initialize(Subject subject, CallbackHandler callbacks, Map<String, ?> sharedState, Map<String, ?> options) {
            this.subject = subject;
            this.callbacks = callbacks;
            this.options = options;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                callbacks.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException("no credentials: " + e.getMessage());
            }
            Properties users = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(String.valueOf(options.get("file"))))) {
                users.load(in);
            } catch (IOException e) {
                throw new LoginException("users file unreadable: " + e.getMessage());
            }
            String entry = name.getName() == null ? null : users.getProperty(name.getName());
            char[] given = password.getPassword();
            if (entry == null || given == null) {
                throw new FailedLoginException("unknown user or no password");
            }
            String[] parts = entry.split(",", 2);
            boolean same = MessageDigest.isEqual(parts[0].strip().getBytes(StandardCharsets.UTF_8),
                    new String(given).getBytes(StandardCharsets.UTF_8));
            password.clearPassword();
            if (!same) {
                throw new FailedLoginException("wrong password");
            }
            user = new Name(name.getName());
            role = new Role(parts.length > 1 ? parts[1].strip() : "");
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(user);
            subject.getPrincipals().add(role);
            return true;
        }

        @Override
        public boolean abort() {
            user = null;
            role = null;
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().remove(user);
            subject.getPrincipals().remove(role);
            return true;
        }
    }
}
