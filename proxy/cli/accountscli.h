// SPDX-License-Identifier: MIT
// AccountsCli: `kiro-proxyd accounts …` — list, import, enable, disable, remove, usage, strategy without a browser.
#pragma once

#include <functional>
#include <memory>

#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "common/expected.h"
#include "config/config.h"

class AccountsBackend;
class DataDirLock;
class QIODevice;
class QTextStream;
struct BackendReply;

/// One option of the command line, for the parser, --help and the man page alike.
struct CliOption
{
    QString name;      ///< without dashes: "data-dir"
    QString valueName; ///< empty for a flag
    QString description;
    QString shortName = {}; ///< one letter, or empty
};

/// The command line of one program, as `kiro-proxyd --man` renders it (the daemon's part comes from main.cpp).
struct ManPageSource
{
    QString version;
    QString date;          ///< the page's date (yyyy-MM-dd): SOURCE_DATE_EPOCH's when set, for reproducible builds
    QString daemonSummary; ///< the DESCRIPTION paragraphs, separated by empty lines
    QList<CliOption> daemonOptions;
    QStringList environment; ///< "NAME|what it sets"
};

/// The CLI. Behaviour is one, back ends are two: the /api of the instance that holds the data directory (it owns the
/// files; found at the address it announced in DataDirLock), else the data directory itself (DirectAccounts, under
/// DataDirLock). Never both.
class AccountsCli final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsCli)
public:
    /// The exit codes, documented in --help and the man page.
    enum Exit : int {
        Ok = 0,
        Failed = 1,        ///< the operation failed: an entry not imported, a sign-in or quota check failed, not saved
        Usage = 2,         ///< the command line is wrong (unknown command or option, missing or extra argument)
        NoSuchAccount = 3, ///< the ID names no account, or more than one
        Unreachable = 4    ///< the running instance did not answer or refused the key; the data directory or the
                           ///< configuration cannot be used, or another process holds it
    };

    struct Command
    {
        QString name;
        QString synopsis;    ///< arguments after the command name
        QString summary;     ///< one line
        QString details;     ///< paragraphs separated by "\n\n"
        QStringList options; ///< names of the options it takes beyond the common ones
    };

    /// A parsed command line (after "accounts").
    struct Invocation
    {
        QString command; ///< empty: none given
        QStringList args;
        ConfigOverrides overrides;
        QString remote; ///< --remote URL
        bool direct = false;
        bool json = false;
        bool yes = false;
        bool help = false;
    };

    struct Io
    {
        QTextStream &out;
        QTextStream &err;
        QIODevice *in = nullptr;  ///< stdin, for `import -` and the confirmation of `remove`
        bool interactive = false; ///< stdin is a terminal
    };

    AccountsCli(Io io, QObject *parent = nullptr);
    ~AccountsCli() override;

    /// Runs `arguments` (after "accounts") to the end, in a local event loop; returns the exit code.
    int run(const QStringList &arguments, const QProcessEnvironment &env);

    static const QList<Command> &commands();
    /// Options every command takes, then the command-specific ones (commands().options names them).
    static const QList<CliOption> &options();
    static Expected<Invocation, QString> parse(const QStringList &arguments);
    /// `kiro-proxyd accounts --help`, or one command's help.
    static QString help(const QString &command = QString());
    /// The aligned table of `list` (accounts in the /api/accounts shape); times in local time.
    static QString table(const QJsonArray &accounts);
    /// Paragraphs (separated by empty lines) filled to 100 columns; lines starting with two spaces stay as they are.
    static QString fill(const QString &text);
    /// Columns a text takes in a terminal (East Asian wide characters take two).
    static int displayWidth(const QString &text);
    /// The shortest id prefix (at least 8 characters) that tells every account apart.
    static int idWidth(const QJsonArray &accounts);
    /// The account `query` names: its id, a unique id prefix, or a unique name or e-mail (case-insensitive). Empty
    /// with `error` set when it names none or several.
    static QString resolve(const QJsonArray &accounts, const QString &query, QString *error);
    /// The choices of the "strategy" setting (SettingDescriptor).
    static QStringList strategyNames();
    /// The whole man page (roff), kiro-proxyd and its accounts commands.
    static QString manPage(const ManPageSource &source);

private:
    void start(const Invocation &invocation, const QProcessEnvironment &env);
    void chooseBackend();
    void useRemote(const QUrl &base);
    bool useDirect();
    void runCommand();
    void withAccount(const std::function<void(const QJsonObject &account)> &next);
    void runImport();
    void runRemove(const QJsonObject &account);
    void runUsage();
    void finish(int code, const QString &error = QString());
    void printJson(const QJsonValue &value);
    /// Ends with the reply's error unless it succeeded.
    bool failed(const BackendReply &reply);

    Io m_io;
    Invocation m_inv;
    Config m_config;
    std::unique_ptr<DataDirLock> m_lock;
    std::unique_ptr<AccountsBackend> m_backend;
    int m_exit = Ok;
    bool m_finished = false;
    std::function<void()> m_quit;
};
