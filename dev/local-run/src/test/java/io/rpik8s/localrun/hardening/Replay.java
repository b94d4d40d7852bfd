package io.rpik8s.localrun.hardening;

/** The command that runs one hardening suite alone, against freshly packaged services. */
final class Replay {

    private Replay() {
    }

    static String command(String suite) {
        return "./mvnw -B -pl services/deployment-service,services/monitoring-service,services/storage-service,"
                + "services/webhook-dispatcher,dev/local-run -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dit.test=" + suite + " verify";
    }
}
