// SPDX-License-Identifier: MIT
// kiro-proxyd: the headless proxy (no widgets) — composition root: command line, config, signals, logging.
#include <csignal>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTextStream>

#include "common/redactor.h"
#include "config/config.h"
#include "proxyservice.h"
#include "server/proxyserver.h"

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

// Never an open proxy: without a configured key, the first start makes one (printed once), later starts say where
// it is. False when the new key cannot be stored (the start stops: a key nobody can read again is no use).
bool announceApiKey(ProxyService &service, const QProcessEnvironment &env)
{
    QTextStream out(stdout);
    const QString configPath = QDir::toNativeSeparators(service.config().configPath);
    if (!service.config().apiKey.isEmpty()) {
        if (env.value(QStringLiteral("API_KEY")).isEmpty())
            out << "API key: the apiKey in " << configPath << Qt::endl;
        else
            out << "API key: from API_KEY" << Qt::endl;
        return true;
    }
    const auto key = service.regenerateApiKey();
    if (!key) {
        qCritical().noquote() << "cannot store a new API key:" << key.error()
                              << "— set API_KEY, or run with --no-auth on a loopback host";
        return false;
    }
    out << "API key (generated, stored in " << configPath << "; shown only this once): " << key.value() << Qt::endl;
    out << "Clients send it as x-api-key or Authorization: Bearer (ANTHROPIC_API_KEY for Claude Code and the SDKs)"
        << Qt::endl;
    return true;
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
        "Clients need the API key (x-api-key or Authorization: Bearer). Without API_KEY or apiKey in config.json,\n"
        "the first start generates one, stores it in config.json (mode 0600) and prints it once.\n\n"
        "Environment: HOST PORT API_KEY ADMIN_API_KEY REGION POOL_MODE DATA_DIR PROXY_URL SECRET_STORE\n"
        "KIRO_API_ENDPOINT KIRO_SOCIAL_AUTH_ENDPOINT KIRO_IDC_AUTH_ENDPOINT REFRESH_TOKEN AUTH_METHOD CLIENT_ID "
        "CLIENT_SECRET\nAUTH_CONNECT_TIMEOUT_MS AUTH_TIMEOUT_MS KIRO_NO_AUTH=1 (as --no-auth)"));
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
    const QCommandLineOption noAuthOption(
        QStringLiteral("no-auth"),
        QStringLiteral("Serve without an API key (loopback hosts only): any local process can then use your Kiro "
                       "quota."));
    parser.addOptions({configOption, dataDirOption, hostOption, portOption, importOption, noAuthOption});
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

    const bool noAuth = parser.isSet(noAuthOption) || env.value(QStringLiteral("KIRO_NO_AUTH")) == QLatin1String("1");
    if (noAuth) {
        const QString exposed = ProxyServer::exposureProblem(config->host, QString());
        if (!exposed.isEmpty()) {
            qCritical().noquote() << "--no-auth is allowed on a loopback host only:" << exposed;
            return 2;
        }
        config->apiKey.clear(); // for this run only: config.json keeps its key
    }

    const ProxyService::Mode mode =
        config->poolMode ? ProxyService::Mode::HeadlessPool : ProxyService::Mode::HeadlessSingle;
    ProxyService service(config.value(), mode);
    if (!noAuth && !announceApiKey(service, env))
        return 1;
    QObject::connect(&service, &ProxyService::noticeRaised, &app,
                     [](ProxyService::Notice, const QString &title, const QString &message) {
                         qWarning().noquote() << title + QStringLiteral(": ") + message;
                     });
    // SIGTERM and SIGINT are handled before anything is announced: a signal right after "listening" shuts down
    // cleanly (open streams finish, account changes are committed) instead of killing the process.
#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&service, notifier] {
            char byte = 0;
            [[maybe_unused]] const auto n = ::read(g_signalFds[1], &byte, 1);
            notifier->setEnabled(false);
            qInfo().noquote() << QStringLiteral("shutting down: %1 open streams; letting them finish (up to 5 s)")
                                     .arg(service.openStreams());
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
    const auto started = service.start();
    if (!started) {
        qCritical().noquote() << started.error();
        return 1;
    }
    if (noAuth)
        qWarning().noquote() << "serving WITHOUT an API key (--no-auth): any local process can use your Kiro quota "
                                "through"
                             << service.endpoint() << "(web pages are still refused by the Host and Origin checks)";
    {
        QTextStream out(stdout);
        out << "listening on " << service.endpoint() << Qt::endl;
    }

    return app.exec();
}
