// SPDX-License-Identifier: MIT
// AccountsCli: parsing, choosing the back end, running one command, and the words and tables people read.
#include "cli/accountscli.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include "cli/datadirlock.h"
#include "cli/directaccounts.h"
#include "cli/remoteaccounts.h"
#include "common/redactor.h"
#include "config/settingdescriptor.h"

namespace {
const QString kProgram = DataDirLock::commandProgram();

// What every command's help ends with, and the man page's EXIT STATUS.
const QList<QPair<int, QString>> &exitCodes()
{
    static const QList<QPair<int, QString>> codes = {
        {AccountsCli::Ok, QStringLiteral("success")},
        {AccountsCli::Failed,
         QStringLiteral("the operation failed: an entry was not imported, a sign-in or quota check failed, a change "
                        "could not be saved, or a removal was not confirmed")},
        {AccountsCli::Usage, QStringLiteral("usage error: unknown command or option, missing or extra argument, "
                                            "unknown strategy")},
        {AccountsCli::NoSuchAccount, QStringLiteral("the ID names no account, or more than one")},
        {AccountsCli::Unreachable,
         QStringLiteral("the running instance did not answer or refused the admin key, or the data directory or its "
                        "configuration cannot be used (also: it is held by an instance that does not answer)")}};
    return codes;
}

const CliOption *findOption(const QString &name)
{
    for (const CliOption &o : AccountsCli::options()) {
        if (o.name == name || (!o.shortName.isEmpty() && o.shortName == name))
            return &o;
    }
    return nullptr;
}

const AccountsCli::Command *findCommand(const QString &name)
{
    for (const AccountsCli::Command &c : AccountsCli::commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const QStringList kCommonOptions = {QStringLiteral("config"), QStringLiteral("data-dir"), QStringLiteral("host"),
                                    QStringLiteral("port"),   QStringLiteral("remote"),   QStringLiteral("direct"),
                                    QStringLiteral("json"),   QStringLiteral("help")};

QString optionLabel(const CliOption &o)
{
    QString label = QStringLiteral("--") + o.name;
    if (!o.valueName.isEmpty())
        label += QLatin1Char(' ') + o.valueName;
    if (!o.shortName.isEmpty())
        label = QStringLiteral("-") + o.shortName + QStringLiteral(", ") + label;
    return label;
}

QString padded(const QString &text, int width)
{
    return text + QString(qMax(0, width - AccountsCli::displayWidth(text)), QLatin1Char(' '));
}

// Greedy fill at 100 columns: `text`'s words appended to `out`, whose current line is at `column`; a continued line
// starts with `indent` spaces.
void appendWords(QString &out, const QString &text, int column, int indent)
{
    const int start = column;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (column > start && column + 1 + word.size() > 100) {
            out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
            column = indent;
        } else if (column > start) {
            out += QLatin1Char(' ');
            ++column;
        }
        out += word;
        column += int(word.size());
    }
}

// Two-column text: `rows` of (left, right), the right column wrapped at 100 columns.
QString columns(const QList<QPair<QString, QString>> &rows)
{
    int width = 0;
    for (const auto &r : rows)
        width = qMax(width, AccountsCli::displayWidth(r.first));
    width = qMin(width, 28);
    const int indent = 2 + width + 2;
    QString text;
    for (const auto &r : rows) {
        if (AccountsCli::displayWidth(r.first) > width)
            text += QStringLiteral("  ") + r.first + QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
        else
            text += QStringLiteral("  ") + padded(r.first, width) + QStringLiteral("  ");
        appendWords(text, r.second, indent, indent);
        text += QLatin1Char('\n');
    }
    return text;
}

QString exitText()
{
    QList<QPair<QString, QString>> rows;
    for (const auto &c : exitCodes())
        rows.append({QString::number(c.first), c.second});
    return QStringLiteral("Exit status:\n") + columns(rows);
}

QString number(double v)
{
    QString s = QString::number(v, 'f', 2);
    while (s.contains(QLatin1Char('.')) && (s.endsWith(QLatin1Char('0')) || s.endsWith(QLatin1Char('.'))))
        s.chop(1);
    return s;
}

QString localTime(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

// roff: backslashes, and a line that would start with a control character.
QString roff(const QString &text)
{
    QString s = text;
    s.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    // Options in running text are minus signs, so that they can be copied from the page ("--json", "-y").
    static const QRegularExpression option(QStringLiteral("(?:^|(?<=[\\s(\\[]))--?(?=[A-Za-z])"),
                                           QRegularExpression::MultilineOption);
    QString escaped;
    qsizetype from = 0;
    for (auto it = option.globalMatch(s); it.hasNext();) {
        const auto m = it.next();
        escaped += QStringView(s).mid(from, m.capturedStart() - from);
        escaped += QStringLiteral("\\-").repeated(m.capturedLength());
        from = m.capturedEnd();
    }
    escaped += QStringView(s).mid(from);
    s = escaped;
    QStringList lines = s.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.startsWith(QLatin1Char('.')) || line.startsWith(QLatin1Char('\'')))
            line.prepend(QStringLiteral("\\&"));
    }
    return lines.join(QLatin1Char('\n'));
}

// An option or command name: hyphens are minus signs, so that copying from the page works.
QString roffName(const QString &text)
{
    return roff(text).replace(QLatin1Char('-'), QStringLiteral("\\-"));
}

// Paragraphs separated by empty lines; a paragraph whose lines all start with two spaces is an example (no fill).
QString roffParagraphs(const QString &text)
{
    QString out;
    for (const QString &para : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        const QStringList lines = para.split(QLatin1Char('\n'));
        bool example = true;
        for (const QString &l : lines)
            example = example && l.startsWith(QStringLiteral("  "));
        if (example) {
            out += QStringLiteral(".PP\n.RS 4\n.nf\n");
            for (const QString &l : lines)
                out += roffName(l.mid(2)) + QLatin1Char('\n');
            out += QStringLiteral(".fi\n.RE\n");
        } else {
            out += QStringLiteral(".PP\n") + roff(para) + QLatin1Char('\n');
        }
    }
    return out;
}

QString roffOption(const CliOption &o)
{
    QString s = QStringLiteral(".TP\n");
    if (!o.shortName.isEmpty())
        s += QStringLiteral("\\fB\\-") + o.shortName + QStringLiteral("\\fR, ");
    s += QStringLiteral("\\fB\\-\\-") + roffName(o.name) + QStringLiteral("\\fR");
    if (!o.valueName.isEmpty())
        s += QStringLiteral(" \\fI") + roffName(o.valueName) + QStringLiteral("\\fR");
    return s + QLatin1Char('\n') + roff(o.description) + QLatin1Char('\n');
}
} // namespace

// ---- tables of the command line ----------------------------------------------------------------------------------

const QList<AccountsCli::Command> &AccountsCli::commands()
{
    static const QList<Command> list = {
        {QStringLiteral("list"),
         QString(),
         QStringLiteral("Show every account: name, id, state, quota used, last use."),
         QStringLiteral("The table shows the shortest id prefix that tells the accounts apart (at least 8 "
                        "characters); every command takes it. QUOTA USED is the last quota reading (run usage to "
                        "refresh it). With --json, the accounts as GET /api/accounts lists them (never a secret)."),
         {}},
        {QStringLiteral("import"),
         QStringLiteral("FILE|-"),
         QStringLiteral("Add the accounts of a credentials JSON file (- reads standard input)."),
         QStringLiteral("Takes every shape the import dialog takes: one credential object, an array, a Kiro IDE "
                        "token file, the accounts file of other Kiro proxies (camelCase or snake_case). Each account "
                        "signs in to Kiro once before it is kept, and is acknowledged only once it and its secret are "
                        "on disk.\n\nOne line per entry: added, duplicate (already in the pool: not an error), "
                        "invalid (the entry itself is unusable) or rejected (Kiro refused the sign-in), with the "
                        "reason. Exit status 1 when any entry was invalid, rejected or not saved.\n\n"
                        "  kiro-proxyd accounts import ~/.aws/sso/cache/kiro-auth-token.json\n"
                        "  cat accounts.json | kiro-proxyd accounts import -"),
         {}},
        {QStringLiteral("enable"),
         QStringLiteral("ID"),
         QStringLiteral("Enable an account (it serves again; counters and cool-downs are cleared)."),
         QStringLiteral("ID is the account's id, a unique prefix of it, or its unique name or e-mail."),
         {}},
        {QStringLiteral("disable"),
         QStringLiteral("ID"),
         QStringLiteral("Disable an account (kept, but never chosen until enabled)."),
         QStringLiteral("ID is the account's id, a unique prefix of it, or its unique name or e-mail."),
         {}},
        {QStringLiteral("remove"),
         QStringLiteral("ID"),
         QStringLiteral("Remove an account and delete its stored secret."),
         QStringLiteral("Asks for confirmation when standard input is a terminal, unless --yes is given; never asks "
                        "otherwise (scripts, pipes). ID as for enable."),
         {QStringLiteral("yes")}},
        {QStringLiteral("usage"),
         QStringLiteral("[ID]"),
         QStringLiteral("Refresh and show the quota of one account, or of every enabled account."),
         QStringLiteral("Asks Kiro for the current usage (signing in first when the access token has expired) and "
                        "shows the accounts' table with the new readings. Exit status 1 when a check failed; the "
                        "others are still shown."),
         {}},
        {QStringLiteral("strategy"),
         QStringLiteral("[NAME]"),
         QStringLiteral("Show the account selection strategy, or set it to NAME."),
         QStringLiteral("NAME is one of: %1. The setting is stored in config.json (as the tray's Strategy menu and "
                        "POST /api/strategy store it).")
             .arg(strategyNames().join(QStringLiteral(", "))),
         {}},
    };
    return list;
}

const QList<CliOption> &AccountsCli::options()
{
    static const QList<CliOption> list = {
        {QStringLiteral("config"), QStringLiteral("FILE"),
         QStringLiteral("Path of config.json (default: $CONFIG_FILE, else config.json in the data directory).")},
        {QStringLiteral("data-dir"), QStringLiteral("DIR"),
         QStringLiteral("Data directory (default: $DATA_DIR, else ./data), as kiro-proxyd's.")},
        {QStringLiteral("host"), QStringLiteral("ADDRESS"),
         QStringLiteral("The address the running instance listens on, when it was started with --host.")},
        {QStringLiteral("port"), QStringLiteral("PORT"),
         QStringLiteral("The port the running instance listens on, when it was started with --port.")},
        {QStringLiteral("remote"), QStringLiteral("URL"),
         QStringLiteral("Go through the instance at URL (e.g. http://127.0.0.1:8990) and nothing else.")},
        {QStringLiteral("direct"), QString(),
         QStringLiteral("Work on the data directory itself; fails when a running instance holds it.")},
        {QStringLiteral("json"), QString(), QStringLiteral("Print JSON for scripts instead of tables and sentences.")},
        {QStringLiteral("help"), QString(), QStringLiteral("Show this help."), QStringLiteral("h")},
        {QStringLiteral("yes"), QString(), QStringLiteral("Do not ask for confirmation."), QStringLiteral("y")},
    };
    return list;
}

QStringList AccountsCli::strategyNames()
{
    QStringList names;
    if (const SettingDescriptor *row = SettingDescriptor::find(QStringLiteral("strategy"))) {
        for (const auto &choice : row->choices)
            names.append(choice.value);
    }
    return names;
}

Expected<AccountsCli::Invocation, QString> AccountsCli::parse(const QStringList &arguments)
{
    using R = Expected<Invocation, QString>;
    Invocation inv;
    QStringList positional;
    QStringList given;
    bool optionsEnded = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (optionsEnded || arg == QLatin1String("-") || !arg.startsWith(QLatin1Char('-'))) {
            positional.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        QString name;
        QString value;
        bool hasValue = false;
        if (arg.startsWith(QLatin1String("--"))) {
            name = arg.mid(2);
            const auto eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
                hasValue = true;
            }
        } else if (arg.size() == 2) {
            name = arg.mid(1);
        }
        const CliOption *option = name.isEmpty() ? nullptr : findOption(name);
        if (!option || (arg.size() == 2 && option->shortName != name) ||
            (arg.startsWith(QLatin1String("--")) && option->name != name))
            return R::failure(QStringLiteral("unknown option %1").arg(arg));
        if (option->valueName.isEmpty() && hasValue)
            return R::failure(QStringLiteral("--%1 takes no value").arg(option->name));
        if (!option->valueName.isEmpty() && !hasValue) {
            if (i + 1 >= arguments.size())
                return R::failure(QStringLiteral("--%1 needs a value (%2)").arg(option->name, option->valueName));
            value = arguments.at(++i);
        }
        given.append(option->name);
        const QString &n = option->name;
        if (n == QLatin1String("config"))
            inv.overrides.configPath = value;
        else if (n == QLatin1String("data-dir"))
            inv.overrides.dataDir = value;
        else if (n == QLatin1String("host"))
            inv.overrides.host = value;
        else if (n == QLatin1String("port")) {
            bool ok = false;
            const int port = value.toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return R::failure(QStringLiteral("--port must be a number between 1 and 65535"));
            inv.overrides.port = port;
        } else if (n == QLatin1String("remote")) {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
                return R::failure(QStringLiteral("--remote needs a URL such as http://127.0.0.1:8990"));
            inv.remote = value;
        } else if (n == QLatin1String("direct"))
            inv.direct = true;
        else if (n == QLatin1String("json"))
            inv.json = true;
        else if (n == QLatin1String("help"))
            inv.help = true;
        else if (n == QLatin1String("yes"))
            inv.yes = true;
    }
    inv.overrides.headless = true;
    if (!positional.isEmpty())
        inv.command = positional.takeFirst();
    inv.args = positional;
    if (inv.command == QLatin1String("help")) {
        inv.help = true;
        inv.command = inv.args.value(0);
        if (inv.args.size() > 1)
            return R::failure(QStringLiteral("help takes one command at most"));
        inv.args.clear();
    }
    if (inv.command.isEmpty())
        return inv;
    const Command *command = findCommand(inv.command);
    if (!command)
        return R::failure(QStringLiteral("unknown command \"%1\"").arg(inv.command));
    if (inv.help)
        return inv;
    for (const QString &name : std::as_const(given)) {
        if (!kCommonOptions.contains(name) && !command->options.contains(name))
            return R::failure(QStringLiteral("%1 takes no --%2").arg(inv.command, name));
    }
    if (inv.direct && !inv.remote.isEmpty())
        return R::failure(QStringLiteral("--direct and --remote exclude each other"));
    const bool optional = command->synopsis.startsWith(QLatin1Char('['));
    const int wanted = command->synopsis.isEmpty() ? 0 : 1;
    if (inv.args.size() > wanted)
        return R::failure(QStringLiteral("%1 takes %2 (got \"%3\")")
                              .arg(inv.command,
                                   wanted == 0 ? QStringLiteral("no argument")
                                               : QStringLiteral("one argument, %1").arg(command->synopsis),
                                   inv.args.join(QLatin1Char(' '))));
    if (inv.args.size() < wanted && !optional)
        return R::failure(QStringLiteral("%1 needs %2").arg(inv.command, command->synopsis));
    return inv;
}

QString AccountsCli::help(const QString &command)
{
    if (const Command *c = findCommand(command)) {
        QString text = QStringLiteral("Usage: %1 %2%3 [OPTIONS]\n\n")
                           .arg(kProgram, c->name, c->synopsis.isEmpty() ? QString() : QLatin1Char(' ') + c->synopsis);
        text += c->summary + QStringLiteral("\n\n") + fill(c->details) + QStringLiteral("\n\nOptions:\n");
        QList<QPair<QString, QString>> rows;
        for (const CliOption &o : options()) {
            if (kCommonOptions.contains(o.name) || c->options.contains(o.name))
                rows.append({optionLabel(o), o.description});
        }
        return text + columns(rows) + QLatin1Char('\n') + exitText();
    }
    QString text = fill(QStringLiteral("Usage: %1 COMMAND [ARGUMENT] [OPTIONS]\n\n"
                                       "Manage kiro-proxyd's pool of Kiro accounts without a browser. When an instance "
                                       "runs on the data directory, the commands go through its management API "
                                       "with the admin key (ADMIN_API_KEY or adminApiKey, else API_KEY or apiKey): the "
                                       "running process owns the files. Otherwise they work on the data directory "
                                       "directly, with the same checks, and return once the change is on disk.")
                            .arg(kProgram)) +
                   QStringLiteral("\n\nCommands:\n");
    QList<QPair<QString, QString>> rows;
    for (const Command &c : commands())
        rows.append({c.name + (c.synopsis.isEmpty() ? QString() : QLatin1Char(' ') + c.synopsis), c.summary});
    text += columns(rows) + QStringLiteral("\nOptions:\n");
    rows.clear();
    for (const CliOption &o : options())
        rows.append({optionLabel(o), o.description});
    text += columns(rows) + QLatin1Char('\n') + exitText();
    return text + QStringLiteral("\nRun '%1 COMMAND --help' for one command; 'man kiro-proxyd' for everything.\n")
                      .arg(kProgram);
}

// ---- what people read --------------------------------------------------------------------------------------------

QString AccountsCli::fill(const QString &text)
{
    QStringList out;
    for (const QString &para : text.split(QStringLiteral("\n\n"))) {
        if (para.startsWith(QStringLiteral("  "))) { // an example: as written
            out.append(para);
            continue;
        }
        QString filled;
        appendWords(filled, para, 0, 0);
        out.append(filled);
    }
    return out.join(QStringLiteral("\n\n"));
}
int AccountsCli::displayWidth(const QString &text)
{
    int width = 0;
    for (const QChar ch : text) {
        if (ch.isLowSurrogate())
            continue; // counted with its high surrogate
        const char16_t u = ch.unicode();
        const bool wide = (u >= 0x1100 && u <= 0x115F) || (u >= 0x2E80 && u <= 0xA4CF) ||
                          (u >= 0xAC00 && u <= 0xD7A3) || (u >= 0xF900 && u <= 0xFAFF) ||
                          (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFF60) ||
                          (u >= 0xFFE0 && u <= 0xFFE6) || ch.isHighSurrogate(); // emoji and CJK extensions
        if (ch.category() == QChar::Mark_NonSpacing)
            continue;
        width += wide ? 2 : 1;
    }
    return width;
}

int AccountsCli::idWidth(const QJsonArray &accounts)
{
    QStringList ids;
    int longest = 0;
    for (const QJsonValue &v : accounts) {
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
        longest = qMax(longest, int(ids.last().size()));
    }
    for (int width = 8; width < longest; ++width) {
        QSet<QString> prefixes;
        for (const QString &id : std::as_const(ids))
            prefixes.insert(id.left(width));
        if (prefixes.size() == ids.size())
            return width;
    }
    return qMax(8, longest);
}

QString AccountsCli::table(const QJsonArray &accounts)
{
    const int idw = idWidth(accounts);
    QList<QStringList> rows = {{QStringLiteral("NAME"), QStringLiteral("ID"), QStringLiteral("STATE"),
                                QStringLiteral("QUOTA USED"), QStringLiteral("LAST USED")}};
    for (const QJsonValue &v : accounts) {
        const QJsonObject a = v.toObject();
        const QJsonObject q = a.value(QStringLiteral("quota")).toObject();
        QString quota = QStringLiteral("-");
        if (!q.isEmpty()) {
            const double limit = q.value(QStringLiteral("limit")).toDouble();
            const double used = q.value(QStringLiteral("used")).toDouble();
            quota = limit > 0 ? QStringLiteral("%1 / %2 (%3%)")
                                    .arg(number(used), number(limit))
                                    .arg(qRound(qBound(0.0, used / limit * 100.0, 100.0)))
                              : QStringLiteral("%1 / -").arg(number(used));
        }
        const QString last = localTime(a.value(QStringLiteral("last_used_at")).toString());
        rows.append({a.value(QStringLiteral("name")).toString(), a.value(QStringLiteral("id")).toString().left(idw),
                     a.value(QStringLiteral("status_text")).toString(), quota,
                     last.isEmpty() ? QStringLiteral("never") : last});
    }
    QList<int> widths(rows.first().size(), 0);
    for (const QStringList &r : std::as_const(rows)) {
        for (int c = 0; c < r.size(); ++c)
            widths[c] = qMax(widths[c], displayWidth(r.at(c)));
    }
    QString text;
    for (const QStringList &r : std::as_const(rows)) {
        QString line;
        for (int c = 0; c < r.size(); ++c)
            line += c + 1 < r.size() ? padded(r.at(c), widths.at(c)) + QStringLiteral("  ") : r.at(c);
        text += line + QLatin1Char('\n');
    }
    return text;
}

QString AccountsCli::resolve(const QJsonArray &accounts, const QString &query, QString *error)
{
    auto describe = [](const QJsonObject &a) {
        return QStringLiteral("%1 (%2)").arg(a.value(QStringLiteral("name")).toString(),
                                             a.value(QStringLiteral("id")).toString());
    };
    auto pick = [&](const std::function<bool(const QJsonObject &)> &matches) -> QList<QJsonObject> {
        QList<QJsonObject> found;
        for (const QJsonValue &v : accounts) {
            if (matches(v.toObject()))
                found.append(v.toObject());
        }
        return found;
    };
    QList<QJsonObject> found =
        pick([&](const QJsonObject &a) { return a.value(QStringLiteral("id")).toString() == query; });
    if (found.isEmpty())
        found = pick([&](const QJsonObject &a) {
            return a.value(QStringLiteral("name")).toString().compare(query, Qt::CaseInsensitive) == 0 ||
                   (!query.isEmpty() &&
                    a.value(QStringLiteral("email")).toString().compare(query, Qt::CaseInsensitive) == 0);
        });
    if (found.isEmpty() && query.size() >= 4)
        found = pick([&](const QJsonObject &a) {
            return a.value(QStringLiteral("id")).toString().startsWith(query, Qt::CaseInsensitive);
        });
    if (found.size() == 1)
        return found.first().value(QStringLiteral("id")).toString();
    if (error) {
        if (found.isEmpty()) {
            *error = QStringLiteral("no account is \"%1\" (ids, names and e-mails: %2 list)").arg(query, kProgram);
        } else {
            QStringList names;
            for (const QJsonObject &a : std::as_const(found))
                names.append(describe(a));
            *error = QStringLiteral("\"%1\" names %2 accounts: %3; give the id")
                         .arg(query)
                         .arg(found.size())
                         .arg(names.join(QStringLiteral(", ")));
        }
    }
    return QString();
}

QString AccountsCli::manPage(const ManPageSource &source)
{
    const QString date = source.date;
    QString m;
    m += QStringLiteral(".\\\" Generated by kiro-proxyd --man from its command-line tables; do not edit.\n");
    m += QStringLiteral(".TH KIRO\\-PROXYD 1 \"%1\" \"kiro-proxyd %2\" \"User Commands\"\n").arg(date, source.version);
    m += QStringLiteral(".SH NAME\nkiro\\-proxyd \\- Anthropic Messages API proxy over a pool of Kiro accounts\n");
    m += QStringLiteral(".SH SYNOPSIS\n.B kiro\\-proxyd\n[\\fIOPTIONS\\fR]\n.br\n.B kiro\\-proxyd accounts\n"
                        "\\fICOMMAND\\fR [\\fIARGUMENT\\fR] [\\fIOPTIONS\\fR]\n");
    m += QStringLiteral(".SH DESCRIPTION\n") + roffParagraphs(source.daemonSummary);
    m += QStringLiteral(".SH OPTIONS\n");
    for (const CliOption &o : source.daemonOptions)
        m += roffOption(o);
    m += QStringLiteral(".SH ACCOUNT COMMANDS\n");
    m += roffParagraphs(QStringLiteral(
        "kiro-proxyd accounts manages the pool without a browser. When an instance runs on the data directory, the "
        "commands go through its management API with the admin key (ADMIN_API_KEY or adminApiKey, else API_KEY or "
        "apiKey): the running process owns the files, and it sees each change at once. Otherwise they open the data "
        "directory themselves, with the same sign-in check for imports, and return only once the change is on "
        "disk.\n\n"
        "Never both: while it runs, kiro-proxyd holds kiro-proxyd.lock in the data directory and writes there the "
        "address it listens on, whatever port it got (kiro-tray holds kiro-tray.lock and is asked at the configured "
        "host and port). A command that finds the directory held by an instance that does not answer GET /health "
        "stops with exit status 4 instead of writing next to it; give --remote URL when the instance listens "
        "elsewhere. While a command works on the directory itself, it holds the same lock: a kiro-proxyd that starts "
        "meanwhile waits for it, and another command stops with exit status 4."));
    for (const Command &c : commands()) {
        m += QStringLiteral(".TP\n\\fB") + roffName(c.name) + QStringLiteral("\\fR");
        if (!c.synopsis.isEmpty())
            m += QStringLiteral(" \\fI") + roffName(c.synopsis) + QStringLiteral("\\fR");
        m += QLatin1Char('\n') + roff(c.summary) + QLatin1Char('\n');
        // Further paragraphs of a .TP item stay indented under it.
        const QString more = roffParagraphs(c.details);
        m += QString(more).replace(QStringLiteral(".PP\n"), QStringLiteral(".IP\n"));
    }
    m += QStringLiteral(".SH ACCOUNT OPTIONS\n");
    for (const CliOption &o : options())
        m += roffOption(o);
    m += QStringLiteral(".SH EXIT STATUS\n");
    m += roffParagraphs(QStringLiteral("kiro-proxyd exits with 0 after a clean shutdown (SIGTERM, SIGINT), 1 when "
                                       "it cannot start, and 2 for a wrong command line or configuration. "
                                       "kiro-proxyd accounts:"));
    for (const auto &c : exitCodes())
        m += QStringLiteral(".TP\n.B %1\n").arg(c.first) + roff(c.second) + QLatin1Char('\n');
    m += QStringLiteral(".SH ENVIRONMENT\n");
    for (const QString &e : source.environment) {
        const QString name = e.section(QLatin1Char('|'), 0, 0);
        m += QStringLiteral(".TP\n.B ") + roffName(name) + QLatin1Char('\n') + roff(e.section(QLatin1Char('|'), 1)) +
             QLatin1Char('\n');
    }
    m += QStringLiteral(".SH FILES\n");
    const QList<QPair<QString, QString>> files = {
        {QStringLiteral("config.json"), QStringLiteral("settings that differ from the defaults, the API key (0600)")},
        {QStringLiteral("accounts.json"), QStringLiteral("pool mode: account metadata, never a token")},
        {QStringLiteral("secrets.json"), QStringLiteral("pool mode without a keychain: the accounts' secrets (0600)")},
        {QStringLiteral("credentials.json"), QStringLiteral("single-account mode: the account")},
        {QStringLiteral("requests.jsonl"), QStringLiteral("the request log")},
        {QStringLiteral("kiro-proxyd.lock"), QStringLiteral("held by the process that owns the data directory")}};
    m += roffParagraphs(QStringLiteral("In the data directory (mode 0700):"));
    for (const auto &f : files)
        m += QStringLiteral(".TP\n.I ") + roffName(f.first) + QLatin1Char('\n') + roff(f.second) + QLatin1Char('\n');
    m += QStringLiteral(".SH EXAMPLES\n");
    m += roffParagraphs(QStringLiteral("  POOL_MODE=true kiro-proxyd --data-dir /var/lib/kiro\n"
                                       "  kiro-proxyd accounts --data-dir /var/lib/kiro import kiro-auth-token.json\n"
                                       "  kiro-proxyd accounts --data-dir /var/lib/kiro list\n"
                                       "  kiro-proxyd accounts --data-dir /var/lib/kiro usage --json\n"
                                       "  kiro-proxyd accounts --data-dir /var/lib/kiro disable alice@example.com\n"
                                       "  kiro-proxyd accounts --data-dir /var/lib/kiro strategy least-used"));
    m += QStringLiteral(".SH SEE ALSO\n.BR systemd.service (5)\n");
    return m;
}

// ---- running a command ---------------------------------------------------------------------------------------------

AccountsCli::AccountsCli(Io io, QObject *parent)
    : QObject(parent)
    , m_io(io)
{}

AccountsCli::~AccountsCli() = default;

int AccountsCli::run(const QStringList &arguments, const QProcessEnvironment &env)
{
    const auto parsed = parse(arguments);
    if (!parsed) {
        m_io.err << kProgram << ": " << parsed.error() << "\nTry '" << kProgram << " --help'.\n";
        m_io.err.flush();
        return Usage;
    }
    if (parsed->help) {
        m_io.out << help(parsed->command);
        m_io.out.flush();
        return Ok;
    }
    if (parsed->command.isEmpty()) {
        m_io.err << help();
        m_io.err.flush();
        return Usage;
    }
    QEventLoop loop;
    m_quit = [&loop] { loop.quit(); };
    start(parsed.value(), env);
    if (!m_finished)
        loop.exec();
    m_quit = nullptr;
    m_io.out.flush();
    m_io.err.flush();
    // The direct back end writes what is pending as it goes; only then is the data directory let go.
    m_backend.reset();
    m_lock.reset();
    return m_exit;
}

void AccountsCli::finish(int code, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exit = code;
    if (!error.isEmpty())
        m_io.err << kProgram << ": " << Redactor::scrub(error) << '\n';
    m_io.out.flush();
    m_io.err.flush();
    if (m_quit)
        m_quit();
}

bool AccountsCli::failed(const BackendReply &reply)
{
    if (reply.exitCode == Ok)
        return false;
    finish(reply.exitCode, reply.error.isEmpty() ? QStringLiteral("failed") : reply.error);
    return true;
}

void AccountsCli::printJson(const QJsonValue &value)
{
    QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_io.out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

void AccountsCli::start(const Invocation &invocation, const QProcessEnvironment &env)
{
    m_inv = invocation;
    if (m_inv.command == QLatin1String("strategy") && !m_inv.args.isEmpty() &&
        !strategyNames().contains(m_inv.args.first())) {
        finish(Usage, QStringLiteral("unknown strategy \"%1\"; use %2")
                          .arg(m_inv.args.first(), strategyNames().join(QStringLiteral(", "))));
        return;
    }
    const auto config = Config::load(m_inv.overrides, env);
    if (!config) {
        finish(Unreachable, config.error());
        return;
    }
    m_config = config.value();
    chooseBackend();
}

void AccountsCli::chooseBackend()
{
    if (!m_inv.remote.isEmpty()) {
        useRemote(QUrl(m_inv.remote));
        runCommand();
        return;
    }
    if (m_inv.direct) {
        if (useDirect())
            runCommand();
        return;
    }
    // Who owns the directory decides: nobody → work on it here (keeping the lock taken to find out); a kiro-proxyd
    // → its API, at the address it announced in the lock file (any port, `--port 0` too), else the configured one;
    // kiro-tray (which holds its own lock) → its API at the configured address.
    const QString dir = m_config.dataDir;
    m_lock = std::make_unique<DataDirLock>(dir);
    const bool free = m_lock->tryLock(kProgram);
    const auto holder = free ? std::optional<DataDirLock::Holder>() : m_lock->holder();
    if (!free && !holder) {
        finish(Unreachable, m_lock->error());
        return;
    }
    if (holder && holder->isCommand()) {
        finish(Unreachable, QStringLiteral("%1 is in use by %2; run this again when it has finished")
                                .arg(dir, DataDirLock::describe(*holder)));
        return;
    }
    const auto tray = free ? DataDirLock::trayHolder(dir) : std::nullopt;
    if (free && !tray) {
        if (useDirect())
            runCommand();
        return;
    }
    m_lock.reset();
    const QUrl announced(holder ? holder->address : QString());
    const QUrl base = announced.isValid() && !announced.isEmpty()
                          ? announced
                          : RemoteAccounts::endpointFor(m_config.host, m_config.port);
    const DataDirLock::Holder owner = holder ? *holder : *tray;
    RemoteAccounts::probe(base, 3000, this, [this, base, dir, owner](bool answered) {
        if (answered) {
            useRemote(base);
            runCommand();
            return;
        }
        finish(Unreachable, QStringLiteral("%1 is in use by %2, which does not answer at %3; give --remote URL when it "
                                           "listens elsewhere, or wait until it has started")
                                .arg(dir, DataDirLock::describe(owner), base.toString()));
    });
}

void AccountsCli::useRemote(const QUrl &base)
{
    const QString key = m_config.adminApiKey.isEmpty() ? m_config.apiKey : m_config.adminApiKey;
    // An import signs in and checks quota upstream before the instance answers.
    const int timeoutMs = 2 * m_config.authTimeoutMs + 30000;
    m_backend = std::make_unique<RemoteAccounts>(base, key, timeoutMs);
}

bool AccountsCli::useDirect()
{
    const QString dir = m_config.dataDir;
    if (!m_lock)
        m_lock = std::make_unique<DataDirLock>(dir);
    if (!m_lock->tryLock(kProgram)) { // (already held from chooseBackend: true)
        if (const auto holder = m_lock->holder()) {
            finish(Unreachable,
                   QStringLiteral("%1 is in use by %2; %3")
                       .arg(dir, DataDirLock::describe(*holder),
                            holder->isCommand() ? QStringLiteral("run this again when it has finished")
                                                : QStringLiteral("run without --direct to go through it")));
        } else {
            finish(Unreachable, m_lock->error());
        }
        return false;
    }
    if (const auto tray = DataDirLock::trayHolder(dir)) {
        finish(Unreachable, QStringLiteral("%1 is in use by %2").arg(dir, DataDirLock::describe(*tray)));
        return false;
    }
    if (!m_config.poolMode && m_inv.command == QLatin1String("import"))
        m_io.err << kProgram
                 << ": note: pool mode is off in this configuration; kiro-proxyd serves these accounts "
                    "only with POOL_MODE=true (or \"poolMode\": true in config.json)\n";
    auto *direct = new DirectAccounts(
        m_config,
        [this](const QString &message) {
            m_io.err << kProgram << ": warning: " << Redactor::scrub(message) << '\n';
            m_io.err.flush();
        },
        nullptr);
    m_backend.reset(direct);
    const auto opened = direct->open();
    if (!opened) {
        finish(Unreachable, opened.error());
        return false;
    }
    return true;
}

void AccountsCli::runCommand()
{
    const QString &cmd = m_inv.command;
    if (cmd == QLatin1String("list")) {
        m_backend->list([this](const BackendReply &r) {
            if (failed(r))
                return;
            if (m_inv.json)
                printJson(r.value);
            else if (r.value.toArray().isEmpty())
                m_io.out << "No accounts. Add some with: " << kProgram << " import FILE\n";
            else
                m_io.out << table(r.value.toArray());
            finish(Ok);
        });
    } else if (cmd == QLatin1String("import")) {
        runImport();
    } else if (cmd == QLatin1String("enable") || cmd == QLatin1String("disable")) {
        const bool enable = cmd == QLatin1String("enable");
        withAccount([this, enable](const QJsonObject &account) {
            const QString id = account.value(QStringLiteral("id")).toString();
            m_backend->setEnabled(id, enable, [this, id, enable, account](const BackendReply &r) {
                if (failed(r))
                    return;
                if (!m_inv.json) {
                    m_io.out << (enable ? "Enabled " : "Disabled ") << account.value(QStringLiteral("name")).toString()
                             << " (" << id << ").\n";
                    finish(Ok);
                    return;
                }
                m_backend->list([this, id](const BackendReply &listed) {
                    if (failed(listed))
                        return;
                    for (const QJsonValue &v : listed.value.toArray()) {
                        if (v.toObject().value(QStringLiteral("id")).toString() == id)
                            printJson(v);
                    }
                    finish(Ok);
                });
            });
        });
    } else if (cmd == QLatin1String("remove")) {
        withAccount([this](const QJsonObject &account) { runRemove(account); });
    } else if (cmd == QLatin1String("usage")) {
        runUsage();
    } else if (cmd == QLatin1String("strategy")) {
        auto show = [this](const BackendReply &r) {
            if (failed(r))
                return;
            if (m_inv.json)
                printJson(QJsonObject{{QStringLiteral("strategy"), r.value}});
            else if (m_inv.args.isEmpty())
                m_io.out << r.value.toString() << "  (choices: " << strategyNames().join(QStringLiteral(", ")) << ")\n";
            else
                m_io.out << "Strategy set to " << r.value.toString() << ".\n";
            finish(Ok);
        };
        if (m_inv.args.isEmpty())
            m_backend->strategy(show);
        else
            m_backend->setStrategy(m_inv.args.first(), show);
    }
}

void AccountsCli::withAccount(const std::function<void(const QJsonObject &)> &next)
{
    const QString query = m_inv.args.value(0);
    m_backend->list([this, query, next](const BackendReply &r) {
        if (failed(r))
            return;
        QString error;
        const QString id = resolve(r.value.toArray(), query, &error);
        if (id.isEmpty()) {
            finish(NoSuchAccount, error);
            return;
        }
        for (const QJsonValue &v : r.value.toArray()) {
            if (v.toObject().value(QStringLiteral("id")).toString() == id) {
                next(v.toObject());
                return;
            }
        }
    });
}

void AccountsCli::runRemove(const QJsonObject &account)
{
    const QString id = account.value(QStringLiteral("id")).toString();
    const QString name = account.value(QStringLiteral("name")).toString();
    if (m_io.interactive && !m_inv.yes) {
        m_io.err << "Remove " << name << " (" << id << ") and delete its stored login? [y/N] ";
        m_io.err.flush();
        const QString answer = m_io.in ? QString::fromLocal8Bit(m_io.in->readLine()).trimmed().toLower() : QString();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
            finish(Failed, QStringLiteral("nothing removed"));
            return;
        }
    }
    m_backend->remove(id, [this, id, name](const BackendReply &r) {
        if (failed(r))
            return;
        if (m_inv.json)
            printJson(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("removed"), true}});
        else
            m_io.out << "Removed " << name << " (" << id << ").\n";
        finish(Ok);
    });
}

void AccountsCli::runImport()
{
    const QString file = m_inv.args.value(0);
    QByteArray data;
    if (file == QLatin1String("-")) {
        if (!m_io.in) {
            finish(Failed, QStringLiteral("no standard input to read"));
            return;
        }
        data = m_io.in->readAll();
    } else {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            finish(Failed, QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
            return;
        }
        data = f.readAll();
    }
    const QString source = file == QLatin1String("-") ? QStringLiteral("standard input") : file;
    if (data.trimmed().isEmpty()) {
        finish(Failed, QStringLiteral("%1 is empty").arg(source));
        return;
    }
    m_backend->importText(QString::fromUtf8(data), [this, source](const BackendReply &r) {
        if (r.exitCode == Ok && r.value.toArray().isEmpty()) {
            finish(Failed, QStringLiteral("no account found in %1").arg(source));
            return;
        }
        if (r.exitCode != Ok) {
            finish(r.exitCode, r.exitCode == Failed ? QStringLiteral("%1: %2").arg(source, r.error) : r.error);
            return;
        }
        const QJsonArray rows = r.value.toArray();
        if (m_inv.json)
            printJson(rows);
        QHash<QString, int> counts;
        bool anyFailed = false;
        for (const QJsonValue &v : rows) {
            const QJsonObject row = v.toObject();
            QString result = row.value(QStringLiteral("result")).toString();
            if (result.isEmpty())
                result = row.value(QStringLiteral("success")).toBool() ? QStringLiteral("added")
                                                                       : QStringLiteral("rejected");
            ++counts[result];
            anyFailed = anyFailed || (result != QLatin1String("added") && result != QLatin1String("duplicate"));
            if (m_inv.json)
                continue;
            const QString word = result == QLatin1String("not_saved") ? QStringLiteral("not saved") : result;
            const QString name = row.value(QStringLiteral("name")).toString();
            if (result == QLatin1String("added"))
                m_io.out << padded(word, 10) << name << "  (id " << row.value(QStringLiteral("id")).toString() << ")\n";
            else
                m_io.out << padded(word, 10) << name << "  — "
                         << Redactor::scrub(row.value(QStringLiteral("error")).toString()) << '\n';
        }
        if (!m_inv.json) {
            QStringList summary;
            for (const char *kind : {"added", "duplicate", "invalid", "rejected", "not_saved"}) {
                if (const int n = counts.value(QLatin1String(kind)))
                    summary.append(QStringLiteral("%1 %2").arg(n).arg(
                        QString::fromLatin1(kind).replace(QLatin1Char('_'), QLatin1Char(' '))));
            }
            m_io.out << summary.join(QStringLiteral(", ")) << ".\n";
        }
        if (anyFailed)
            finish(Failed, QStringLiteral("not every account of %1 was imported").arg(source));
        else
            finish(Ok);
    });
}

void AccountsCli::runUsage()
{
    auto refresh = [this](const QString &id) {
        m_backend->refreshUsage(id, [this](const BackendReply &r) {
            if (failed(r))
                return;
            const QJsonArray rows = r.value.toArray();
            m_backend->list([this, rows](const BackendReply &listed) {
                if (failed(listed))
                    return;
                QHash<QString, QJsonObject> byId;
                for (const QJsonValue &v : listed.value.toArray())
                    byId.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
                QJsonArray shown;
                QJsonArray out;
                bool anyFailed = false;
                for (const QJsonValue &v : rows) {
                    QJsonObject row = v.toObject();
                    const QJsonObject account = byId.value(row.value(QStringLiteral("id")).toString());
                    row.insert(QStringLiteral("name"), account.value(QStringLiteral("name")));
                    out.append(row);
                    if (!account.isEmpty())
                        shown.append(account);
                    if (!row.value(QStringLiteral("success")).toBool()) {
                        anyFailed = true;
                        m_io.err << kProgram << ": " << account.value(QStringLiteral("name")).toString()
                                 << ": quota not refreshed: "
                                 << Redactor::scrub(row.value(QStringLiteral("error")).toString()) << '\n';
                    }
                }
                if (m_inv.json)
                    printJson(out);
                else if (shown.isEmpty())
                    m_io.out << "No enabled account to check.\n";
                else
                    m_io.out << table(shown);
                finish(anyFailed ? Failed : Ok);
            });
        });
    };
    if (m_inv.args.isEmpty()) {
        refresh(QString());
        return;
    }
    withAccount([refresh](const QJsonObject &account) { refresh(account.value(QStringLiteral("id")).toString()); });
}
