// SPDX-License-Identifier: MIT
// kiro-proxyd: the headless proxy (no widgets) — composition root: command line, config, signals, logging.
#include <csignal>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTextStream>

#include "common/redactor.h"
#include "config/config.h"
#include "proxyservice.h"

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_UNIX
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &byte, 1);
}
#endif

void logHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // One line per message on stderr, with the category; request lines go to stdout via qInfo from the exchange.
    // Every line is scrubbed: no secret reaches a log, whoever wrote the message.
    const char *level = "info";
    switch (type) {
    case QtDebugMsg:
        level = "debug";
        break;
    case QtInfoMsg:
        level = "info";
        break;
    case QtWarningMsg:
        level = "warning";
        break;
    case QtCriticalMsg:
        level = "error";
        break;
    case QtFatalMsg:
        level = "fatal";
        break;
    }
    const QByteArray line = QDateTime::currentDateTime().toString(Qt::ISODateWithMs).toUtf8() + ' ' + level + ' ' +
                            (context.category ? context.category : "default") + ": " +
                            Redactor::scrub(message).toUtf8() + '\n';
    FILE *out = type == QtInfoMsg ? stdout : stderr;
    fwrite(line.constData(), 1, size_t(line.size()), out);
    fflush(out);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kiro-proxyd"));
    QCoreApplication::setOrganizationName(QStringLiteral("kiro-tray"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIRO_VERSION_STRING));
    qInstallMessageHandler(logHandler);
    // Debug output (request repairs, upstream calls) only when asked for: KIRO_DEBUG=1 or QT_LOGGING_RULES.
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES") && qEnvironmentVariable("KIRO_DEBUG") != QLatin1String("1"))
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Anthropic Messages API proxy over Kiro accounts (headless).\n\n"
        "Single-account mode (default): the account comes from credentials.json in the data directory or from\n"
        "REFRESH_TOKEN/AUTH_METHOD/CLIENT_ID/CLIENT_SECRET. Pool mode (POOL_MODE=true): accounts.json plus the\n"
        "OS keychain (or secrets.json, mode 0600), managed through the /api routes.\n\n"
        "Environment: HOST PORT API_KEY ADMIN_API_KEY REGION POOL_MODE DATA_DIR PROXY_URL SECRET_STORE\n"
        "KIRO_API_ENDPOINT KIRO_SOCIAL_AUTH_ENDPOINT KIRO_IDC_AUTH_ENDPOINT REFRESH_TOKEN AUTH_METHOD CLIENT_ID "
        "CLIENT_SECRET"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Path of config.json."),
                                          QStringLiteral("file"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Data directory (default $DATA_DIR, else ./data)."),
                                           QStringLiteral("dir"));
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("Address to listen on (127.0.0.1)."),
                                        QStringLiteral("address"));
    const QCommandLineOption portOption(
        QStringLiteral("port"), QStringLiteral("Port to listen on; 0 picks a free port."), QStringLiteral("port"));
    const QCommandLineOption importOption(QStringLiteral("import"),
                                          QStringLiteral("Pool mode: import accounts from a credentials JSON file "
                                                         "(any shape the importer accepts) before starting."),
                                          QStringLiteral("file"));
    parser.addOptions({configOption, dataDirOption, hostOption, portOption, importOption});
    parser.process(app);

    ConfigOverrides overrides;
    if (parser.isSet(configOption))
        overrides.configPath = parser.value(configOption);
    if (parser.isSet(dataDirOption))
        overrides.dataDir = parser.value(dataDirOption);
    if (parser.isSet(hostOption))
        overrides.host = parser.value(hostOption);
    if (parser.isSet(portOption)) {
        bool ok = false;
        const int port = parser.value(portOption).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            qCritical().noquote() << "--port must be a number between 0 and 65535";
            return 2;
        }
        overrides.port = port;
    }
    overrides.headless = true;

    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    auto config = Config::load(overrides, env);
    if (!config) {
        qCritical().noquote() << config.error();
        return 2;
    }
    if (parser.isSet(importOption))
        config->importFile = parser.value(importOption);
    else if (env.contains(QStringLiteral("KIRO_IMPORT_FILE")))
        config->importFile = env.value(QStringLiteral("KIRO_IMPORT_FILE"));

    const ProxyService::Mode mode =
        config->poolMode ? ProxyService::Mode::HeadlessPool : ProxyService::Mode::HeadlessSingle;
    ProxyService service(config.value(), mode);
    QObject::connect(&service, &ProxyService::noticeRaised, &app,
                     [](ProxyService::Notice, const QString &title, const QString &message) {
                         qWarning().noquote() << title + QStringLiteral(": ") + message;
                     });
    const auto started = service.start();
    if (!started) {
        qCritical().noquote() << started.error();
        return 1;
    }
    {
        QTextStream out(stdout);
        out << "listening on " << service.endpoint() << Qt::endl;
    }

#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&service, notifier] {
            char byte = 0;
            [[maybe_unused]] const auto n = ::read(g_signalFds[1], &byte, 1);
            notifier->setEnabled(false);
            qInfo().noquote() << "shutting down: letting open streams finish (up to 5 s)";
            service.stop(5000, [] { QCoreApplication::quit(); });
        });
        struct sigaction sa = {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, nullptr);
        sigaction(SIGTERM, &sa, nullptr);
    }
#endif
    return app.exec();
}
