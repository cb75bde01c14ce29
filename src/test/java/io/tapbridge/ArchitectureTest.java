package io.tapbridge;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout the code must keep (README, "Package map"): flows on top of shared kernels, imports running one way,
 * no flow importing another, every SQL statement in the ledger, the sandboxes referred to by nothing.
 */
class ArchitectureTest {

    private static final String ROOT = "io.tapbridge";
    private static final List<String> FLOWS = List.of("orders", "machines", "metadata", "resends", "exports");
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void importsRunDownFromTheFlowsThroughTheKernels() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage(ROOT + "..")
                .layer("Launcher").definedBy(ROOT)
                .layer("Sandboxes").definedBy(ROOT + ".sandbox..")
                .layer("Operations").definedBy(ROOT + ".operations..")
                .layer("Flows").definedBy(FLOWS.stream().map(f -> ROOT + "." + f + "..").toArray(String[]::new))
                .layer("Clients").definedBy(ROOT + ".tap..", ROOT + ".tapio..")
                .layer("Files").definedBy(ROOT + ".intake..", ROOT + ".outbox..")
                .layer("Ledger").definedBy(ROOT + ".ledger..")
                .layer("Base").definedBy(ROOT + ".http..", ROOT + ".model..", ROOT + ".settings..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("Sandboxes").mayNotBeAccessedByAnyLayer()
                .whereLayer("Operations").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Flows").mayOnlyBeAccessedByLayers("Launcher")
                // the tapio sandbox checks customers by the bridge's own rules, so that both read the API text alike
                .whereLayer("Clients").mayOnlyBeAccessedByLayers("Launcher", "Flows", "Sandboxes")
                .whereLayer("Files").mayOnlyBeAccessedByLayers("Launcher", "Flows")
                .whereLayer("Ledger").mayOnlyBeAccessedByLayers("Launcher", "Operations", "Flows", "Files", "Clients")
                .whereLayer("Base").mayOnlyBeAccessedByLayers("Launcher", "Sandboxes", "Operations", "Flows", "Clients", "Files", "Ledger")
                .check(classes);
    }

    @Test
    void theBaseKernelsStandAlone() {
        for (String base : List.of("http", "model", "settings")) {
            noClasses().that().resideInAPackage(ROOT + "." + base + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherThan(base))
                    .check(classes);
        }
    }

    @Test
    void noFlowImportsAnother() {
        for (String flow : FLOWS) {
            String[] others = FLOWS.stream().filter(f -> !f.equals(flow)).map(f -> ROOT + "." + f + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + flow + "..").should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everySqlStatementIsInTheLedger() {
        Set<String> statements = Set.of("createQuery", "createUpdate", "execute", "prepareBatch", "createCall", "select", "createScript");
        noClasses().that().resideOutsideOfPackages(ROOT + ".ledger..")
                .should().callMethodWhere(describe("a Jdbi statement",
                        (JavaMethodCall call) -> call.getTargetOwner().getPackageName().startsWith("org.jdbi")
                                && statements.contains(call.getName())))
                .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(classes);
    }

    /** Every tapbridge package but {@code base} and its own sub-packages. */
    private static String[] otherThan(String base) {
        return classes.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith(ROOT))
                .filter(p -> !p.equals(ROOT + "." + base) && !p.startsWith(ROOT + "." + base + "."))
                .distinct().toArray(String[]::new);
    }
}
