// SPDX-License-Identifier: MIT
// kiro-proxyd: the headless proxy (no widgets) — composition root: command line, config, signals, logging.
#include <csignal>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTextStream>
#include <QThread>

#include "cli/accountscli.h"
#include "cli/datadirlock.h"
#include "common/redactor.h"
#include "config/config.h"
#include "proxyservice.h"
#include "server/proxyserver.h"

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

#include <cstdio>

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

// `kiro-proxyd accounts …`: warnings and errors on stderr, scrubbed, without the daemon's timestamps.
void cliLogHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    // What the commands report comes through their own output (AccountService's notices included); the services'
    // log lines only with KIRO_DEBUG=1.
    static const bool debug = qEnvironmentVariable("KIRO_DEBUG") == QLatin1String("1");
    if (type == QtDebugMsg || type == QtInfoMsg || (type == QtWarningMsg && !debug))
        return;
    const QByteArray line =
        (DataDirLock::commandProgram() + QStringLiteral(": warning: ") + Redactor::scrub(message)).toUtf8() + '\n';
    fwrite(line.constData(), 1, size_t(line.size()), stderr);
    fflush(stderr);
}

// The daemon's command line, for QCommandLineParser and the man page alike.
const QList<CliOption> &daemonOptions()
{
    static const QList<CliOption> options = {
        {QStringLiteral("config"), QStringLiteral("file"), QStringLiteral("Path of config.json.")},
        {QStringLiteral("data-dir"), QStringLiteral("dir"),
         QStringLiteral("Data directory (default $DATA_DIR, else ./data).")},
        {QStringLiteral("host"), QStringLiteral("address"), QStringLiteral("Address to listen on (127.0.0.1).")},
        {QStringLiteral("port"), QStringLiteral("port"), QStringLiteral("Port to listen on; 0 picks a free port.")},
        {QStringLiteral("import"), QStringLiteral("file"),
         QStringLiteral("Pool mode: import accounts from a credentials JSON file (any shape the importer accepts) "
                        "before starting.")},
        {QStringLiteral("no-auth"), QString(),
         QStringLiteral("Serve without an API key (loopback hosts only): any local process can then use your Kiro "
                        "quota.")},
        {QStringLiteral("help"), QString(), QStringLiteral("Displays help on commandline options."),
         QStringLiteral("h")},
        {QStringLiteral("version"), QString(), QStringLiteral("Displays version information."), QStringLiteral("v")},
    };
    return options;
}

const QStringList &environmentVariables()
{
    static const QStringList variables = {
        QStringLiteral("HOST, PORT|the address and port to listen on"),
        QStringLiteral("API_KEY|the key clients send (x-api-key or Authorization: Bearer)"),
        QStringLiteral("ADMIN_API_KEY|the key of the /api management routes (default: API_KEY)"),
        QStringLiteral("DATA_DIR|the data directory (default ./data)"),
        QStringLiteral("CONFIG_FILE|config.json elsewhere than in the data directory"),
        QStringLiteral(
            "POOL_MODE|true: a pool of accounts in accounts.json, managed with kiro-proxyd accounts and /api"),
        QStringLiteral("STRATEGY|round-robin, random, least-used or sequential-exhaust"),
        QStringLiteral(
            "SECRET_STORE|auto, keychain or file (secrets.json); auto uses secrets.json without a session bus"),
        QStringLiteral("REGION|the Kiro region (us-east-1)"),
        QStringLiteral("PROXY_URL|an outbound HTTP or SOCKS proxy for the calls to Kiro"),
        QStringLiteral("REFRESH_TOKEN, AUTH_METHOD, CLIENT_ID, CLIENT_SECRET|single-account mode: the account"),
        QStringLiteral("KIRO_API_ENDPOINT, KIRO_SOCIAL_AUTH_ENDPOINT, KIRO_IDC_AUTH_ENDPOINT|Kiro's endpoints (URL "
                       "templates with {region})"),
        QStringLiteral("AUTH_CONNECT_TIMEOUT_MS, AUTH_TIMEOUT_MS|the connect and total timeouts of sign-in and quota "
                       "calls"),
        QStringLiteral("KIRO_IMPORT_FILE|as --import"),
        QStringLiteral("KIRO_NO_AUTH|1: as --no-auth"),
        QStringLiteral("KIRO_DEBUG|1: debug output"),
    };
    return variables;
}

const QString &daemonSummary()
{
    static const QString text = QStringLiteral(
        "Anthropic Messages API proxy over Kiro accounts (headless).\n\n"
        "Single-account mode (default): the account comes from credentials.json in the data directory or from "
        "REFRESH_TOKEN, AUTH_METHOD, CLIENT_ID and CLIENT_SECRET. Pool mode (POOL_MODE=true): accounts.json plus the "
        "OS "
        "keychain (or secrets.json, mode 0600), managed with kiro-proxyd accounts or through the /api routes.\n\n"
        "Clients need the API key (x-api-key or Authorization: Bearer). Without API_KEY or apiKey in config.json, "
        "the first start generates one, stores it in config.json (mode 0600) and prints it once.");
    return text;
}

ManPageSource manPageSource()
{
    ManPageSource source;
    source.version = QStringLiteral(KIRO_VERSION_STRING);
    bool ok = false;
    const qint64 epoch = qEnvironmentVariable("SOURCE_DATE_EPOCH").toLongLong(&ok);
    source.date =
        (ok ? QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC).date() : QDate::currentDate()).toString(Qt::ISODate);
    source.daemonSummary = daemonSummary();
    source.daemonOptions = daemonOptions();
    source.environment = environmentVariables();
    return source;
}

int runAccountsCli(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kiro-proxyd"));
    QCoreApplication::setOrganizationName(QStringLiteral("kiro-tray"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIRO_VERSION_STRING));
    qInstallMessageHandler(cliLogHandler);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile in;
    in.open(stdin, QIODevice::ReadOnly);
#ifdef Q_OS_UNIX
    const bool interactive = ::isatty(STDIN_FILENO) == 1;
#else
    const bool interactive = false;
#endif
    AccountsCli cli({out, err, &in, interactive});
    return cli.run(QCoreApplication::arguments().mid(2), QProcessEnvironment::systemEnvironment());
}

// The data directory has one owner at a time (DataDirLock). A `kiro-proxyd accounts` command working on it is brief:
// wait for it; anything else that holds it is another instance, and two writers would undo each other's changes.
bool claimDataDir(DataDirLock &lock)
{
    constexpr int kWaitMs = 60000;
    constexpr int kStepMs = 100;
    for (int waited = 0;; waited += kStepMs) {
        if (lock.tryLock(DataDirLock::daemonProgram()))
            return true;
        const auto holder = lock.holder();
        if (!holder) {
            qCritical().noquote() << lock.error();
            return false;
        }
        // A holder that has not written its name yet is one that has just taken the lock: as brief, so wait too.
        const bool command = holder->program.isEmpty() || holder->isCommand();
        if (!command || waited >= kWaitMs) {
            qCritical().noquote() << "the data directory" << QFileInfo(lock.path()).absolutePath() << "is in use by"
                                  << DataDirLock::describe(*holder)
                                  << "— one process at a time; give this one another --data-dir";
            return false;
        }
        if (waited == 0)
            qInfo().noquote() << "waiting for" << DataDirLock::describe(*holder) << "to finish with the data directory";
        QThread::msleep(kStepMs);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // `kiro-proxyd accounts …` is a command, not the daemon; `--man` prints the man page (used by the build).
    if (argc > 1 && qstrcmp(argv[1], "accounts") == 0)
        return runAccountsCli(argc, argv);
    if (argc == 2 && qstrcmp(argv[1], "--man") == 0) {
        const QByteArray page = AccountsCli::manPage(manPageSource()).toUtf8();
        fwrite(page.constData(), 1, size_t(page.size()), stdout);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kiro-proxyd"));
    QCoreApplication::setOrganizationName(QStringLiteral("kiro-tray"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIRO_VERSION_STRING));
    qInstallMessageHandler(logHandler);
    // Debug output (request repairs, upstream calls) only when asked for: KIRO_DEBUG=1 or QT_LOGGING_RULES.
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES") && qEnvironmentVariable("KIRO_DEBUG") != QLatin1String("1"))
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));

    QCommandLineParser parser;
    QString environment;
    for (const QString &e : environmentVariables())
        environment += QStringLiteral("  ") + e.section(QLatin1Char('|'), 0, 0) + QStringLiteral(": ") +
                       e.section(QLatin1Char('|'), 1) + QLatin1Char('\n');
    parser.setApplicationDescription(AccountsCli::fill(daemonSummary()) +
                                     QStringLiteral("\n\nAccounts without a browser: kiro-proxyd accounts --help\n\n"
                                                    "Environment:\n") +
                                     environment);
    parser.addHelpOption();
    parser.addVersionOption();
    auto option = [](const QString &name) {
        for (const CliOption &o : daemonOptions()) {
            if (o.name == name)
                return QCommandLineOption(o.name, o.description, o.valueName);
        }
        Q_UNREACHABLE();
    };
    const QCommandLineOption configOption = option(QStringLiteral("config"));
    const QCommandLineOption dataDirOption = option(QStringLiteral("data-dir"));
    const QCommandLineOption hostOption = option(QStringLiteral("host"));
    const QCommandLineOption portOption = option(QStringLiteral("port"));
    const QCommandLineOption importOption = option(QStringLiteral("import"));
    const QCommandLineOption noAuthOption = option(QStringLiteral("no-auth"));
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

    DataDirLock lock(config->dataDir);
    if (!claimDataDir(lock))
        return 1;

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
    lock.announce(service.endpoint()); // `kiro-proxyd accounts` finds this instance whatever port it got
    {
        QTextStream out(stdout);
        out << "listening on " << service.endpoint() << Qt::endl;
    }

    return app.exec();
}
