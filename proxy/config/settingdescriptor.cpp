// SPDX-License-Identifier: MIT
// SettingDescriptor: the table itself (one row per setting, built fluently) and the per-type conversions and checks.
#include "config/settingdescriptor.h"

#include <cmath>

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUrl>

#include "config/config.h"

namespace {

using Type = SettingDescriptor::Type;
using Check = SettingDescriptor::Check;
using Group = SettingDescriptor::Group;
using Widget = SettingDescriptor::Widget;
using Choice = SettingDescriptor::Choice;

constexpr qint64 MiB = 1024 * 1024;

bool parseBool(const QString &s, bool *ok)
{
    const QString v = s.trimmed().toLower();
    *ok = true;
    if (v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on"))
        return true;
    if (v == QLatin1String("0") || v == QLatin1String("false") || v == QLatin1String("no") ||
        v == QLatin1String("off") || v.isEmpty())
        return false;
    *ok = false;
    return false;
}

// Builds one row; the widget kind follows from the type and choices unless password() says otherwise.
class Row
{
public:
    template<typename T>
    static Row member(const char *key, Type type, T Config::*field)
    {
        return Row(
            key, type, [field](const Config &c) { return QVariant::fromValue(c.*field); },
            [field](Config &c, const QVariant &v) { c.*field = v.value<T>(); });
    }
    static Row string(const char *key, QString Config::*field) { return member(key, Type::String, field); }
    static Row boolean(const char *key, bool Config::*field) { return member(key, Type::Boolean, field); }
    static Row integer(const char *key, int Config::*field, int minimum, int maximum)
    {
        return member(key, Type::Integer, field).range(minimum, maximum);
    }
    static Row integer(const char *key, int (*get)(const Config &), void (*set)(Config &, int), int minimum,
                       int maximum)
    {
        return Row(
                   key, Type::Integer, [get](const Config &c) { return QVariant(get(c)); },
                   [set](Config &c, const QVariant &v) { set(c, v.toInt()); })
            .range(minimum, maximum);
    }
    static Row stringMap(const char *key, QHash<QString, QString> Config::*field, const char *entries)
    {
        Row row(
            key, Type::StringMap,
            [field](const Config &c) {
                QVariantHash map;
                for (auto it = (c.*field).cbegin(); it != (c.*field).cend(); ++it)
                    map.insert(it.key(), it.value());
                return QVariant(map);
            },
            [field](Config &c, const QVariant &v) {
                const QVariantHash map = v.toHash();
                (c.*field).clear();
                for (auto it = map.cbegin(); it != map.cend(); ++it)
                    (c.*field).insert(it.key(), it.value().toString());
            });
        row.m_d.entries = QString::fromUtf8(entries);
        return row;
    }

    Row environment(const char *name) &&
    {
        m_d.environment.append(QLatin1String(name));
        return std::move(*this);
    }
    Row commandLine(QString ConfigOverrides::*option) &&
    {
        m_d.commandLine = [option](const ConfigOverrides &o) {
            return (o.*option).isEmpty() ? QVariant() : QVariant(o.*option);
        };
        return std::move(*this);
    }
    Row commandLine(std::optional<int> ConfigOverrides::*option) &&
    {
        m_d.commandLine = [option](const ConfigOverrides &o) {
            return o.*option ? QVariant(*(o.*option)) : QVariant();
        };
        return std::move(*this);
    }
    Row check(Check check) &&
    {
        m_d.check = check;
        return std::move(*this);
    }
    /// Choices that are also the only values allowed.
    Row oneOf(QList<Choice> choices) &&
    {
        m_d.choices = std::move(choices);
        m_d.check = Check::OneOfChoices;
        return std::move(*this);
    }
    /// Choices the page offers without restricting the value.
    Row offers(QList<Choice> choices) &&
    {
        m_d.choices = std::move(choices);
        return std::move(*this);
    }
    Row appliesAtStart() &&
    {
        m_d.appliesAtStart = true;
        return std::move(*this);
    }
    Row restartsListener() &&
    {
        m_d.restartsListener = true;
        return std::move(*this);
    }
    Row secret() &&
    {
        m_d.secret = true;
        return std::move(*this);
    }
    Row shown(Group group, const char *label) &&
    {
        m_d.page.group = group;
        m_d.page.label = label;
        return std::move(*this);
    }
    /// In the Settings page's collapsed Advanced section.
    Row advanced() &&
    {
        m_d.page.advanced = true;
        return std::move(*this);
    }
    Row hint(const char *hint) &&
    {
        m_d.page.hint = hint;
        return std::move(*this);
    }
    Row verbatim() &&
    {
        m_d.page.trimmed = false;
        return std::move(*this);
    }
    Row password() &&
    {
        m_password = true;
        return std::move(*this).verbatim();
    }

    operator SettingDescriptor() &&
    {
        if (m_password)
            m_d.page.widget = Widget::Password;
        else if (!m_d.choices.isEmpty())
            m_d.page.widget = Widget::Choice;
        else if (m_d.type == Type::Integer)
            m_d.page.widget = Widget::Integer;
        else if (m_d.type == Type::Boolean)
            m_d.page.widget = Widget::CheckBox;
        return std::move(m_d);
    }

private:
    Row(const char *key, Type type, std::function<QVariant(const Config &)> get,
        std::function<void(Config &, const QVariant &)> set)
    {
        m_d.key = QLatin1String(key);
        m_d.type = type;
        m_d.get = std::move(get);
        m_d.set = std::move(set);
        m_d.defaultValue = m_d.get(Config());
    }
    Row range(int minimum, int maximum) &&
    {
        m_d.minimum = minimum;
        m_d.maximum = maximum;
        return std::move(*this);
    }

    SettingDescriptor m_d;
    bool m_password = false;
};

QList<SettingDescriptor> table()
{
    return {
        // Server
        Row::string("host", &Config::host)
            .environment("HOST")
            .commandLine(&ConfigOverrides::host)
            .check(Check::HostAddress)
            .restartsListener()
            .shown(Group::Server, QT_TRANSLATE_NOOP("SettingsPage", "Listen on:")),
        Row::integer("port", &Config::port, 0, 65535)
            .environment("PORT")
            .commandLine(&ConfigOverrides::port)
            .restartsListener()
            .shown(Group::Server, QT_TRANSLATE_NOOP("SettingsPage", "Port:"))
            .hint(QT_TRANSLATE_NOOP("SettingsPage", "any free port")),
        Row::string("apiKey", &Config::apiKey)
            .environment("API_KEY")
            .secret()
            .shown(Group::Server, QT_TRANSLATE_NOOP("SettingsPage", "API key:")),
        Row::string("adminApiKey", &Config::adminApiKey).environment("ADMIN_API_KEY").secret(),
        Row::integer(
            "maxBodyMiB", [](const Config &c) { return int(c.maxBodyBytes / MiB); },
            [](Config &c, int mib) { c.maxBodyBytes = mib * MiB; }, 1, 1024),
        Row::string("allowedHosts", &Config::allowedHosts).environment("ALLOWED_HOSTS"),
        Row::string("corsOrigins", &Config::corsOrigins).environment("CORS_ORIGINS"),

        // Kiro
        Row::string("region", &Config::region)
            .environment("REGION")
            .check(Check::NotEmpty)
            .shown(Group::Kiro, QT_TRANSLATE_NOOP("SettingsPage", "Region:"))
            .advanced(),
        Row::string("kiroVersion", &Config::kiroVersion).environment("KIRO_VERSION"),
        Row::string("machineId", &Config::machineId).environment("MACHINE_ID"),
        Row::string("systemVersion", &Config::systemVersion).environment("SYSTEM_VERSION"),
        Row::string("nodeVersion", &Config::nodeVersion).environment("NODE_VERSION"),
        Row::string("agentMode", &Config::agentMode),
        Row::string("apiEndpoint", &Config::apiEndpoint)
            .environment("KIRO_API_ENDPOINT")
            .check(Check::UrlTemplate)
            .shown(Group::Kiro, QT_TRANSLATE_NOOP("SettingsPage", "Chat endpoint:"))
            .advanced(),
        Row::string("socialAuthEndpoint", &Config::socialAuthEndpoint)
            .environment("KIRO_SOCIAL_AUTH_ENDPOINT")
            .check(Check::UrlTemplate)
            .shown(Group::Kiro, QT_TRANSLATE_NOOP("SettingsPage", "Social sign-in endpoint:"))
            .advanced(),
        Row::string("idcAuthEndpoint", &Config::idcAuthEndpoint)
            .environment("KIRO_IDC_AUTH_ENDPOINT")
            .check(Check::UrlTemplate)
            .shown(Group::Kiro, QT_TRANSLATE_NOOP("SettingsPage", "IdC sign-in endpoint:"))
            .advanced(),
        Row::string("proxyUrl", &Config::proxyUrl)
            .environment("PROXY_URL")
            .check(Check::OutboundProxy)
            .shown(Group::Network, QT_TRANSLATE_NOOP("SettingsPage", "Outbound proxy:"))
            .hint(QT_TRANSLATE_NOOP("SettingsPage", "http://host:port, socks5://host:port or direct"))
            .advanced(),
        Row::string("proxyUsername", &Config::proxyUsername)
            .environment("PROXY_USERNAME")
            .shown(Group::Network, QT_TRANSLATE_NOOP("SettingsPage", "Proxy user:"))
            .advanced()
            .verbatim(),
        Row::string("proxyPassword", &Config::proxyPassword)
            .environment("PROXY_PASSWORD")
            .secret()
            .shown(Group::Network, QT_TRANSLATE_NOOP("SettingsPage", "Proxy password:"))
            .advanced()
            .password(),
        Row::integer("authConnectTimeoutMs", &Config::authConnectTimeoutMs, 100, 600000)
            .environment("AUTH_CONNECT_TIMEOUT_MS")
            .shown(Group::Timeouts, QT_TRANSLATE_NOOP("SettingsPage", "Sign-in connect timeout (ms):"))
            .advanced(),
        Row::integer("authTimeoutMs", &Config::authTimeoutMs, 100, 600000)
            .environment("AUTH_TIMEOUT_MS")
            .shown(Group::Timeouts, QT_TRANSLATE_NOOP("SettingsPage", "Sign-in and quota timeout (ms):"))
            .advanced(),
        Row::integer("connectTimeoutMs", &Config::connectTimeoutMs, 100, 600000)
            .shown(Group::Timeouts, QT_TRANSLATE_NOOP("SettingsPage", "Chat connect timeout (ms):"))
            .advanced(),
        Row::integer("firstByteTimeoutMs", &Config::firstByteTimeoutMs, 100, 3600000)
            .shown(Group::Timeouts, QT_TRANSLATE_NOOP("SettingsPage", "First answer byte timeout (ms):"))
            .advanced(),
        Row::integer("idleTimeoutMs", &Config::idleTimeoutMs, 100, 3600000)
            .shown(Group::Timeouts, QT_TRANSLATE_NOOP("SettingsPage", "Stream silence timeout (ms):"))
            .advanced(),
        Row::integer("pingIntervalMs", &Config::pingIntervalMs, 100, 600000),
        Row::integer("maxUpstreamRetries", &Config::maxUpstreamRetries, 0, 10),
        Row::stringMap("modelAliases", &Config::modelAliases, R"("client id": "kiro id")"),

        // Pool
        Row::boolean("poolMode", &Config::poolMode).environment("POOL_MODE"),
        Row::string("strategy", &Config::strategy)
            .environment("STRATEGY")
            .oneOf({{QStringLiteral("round-robin"), QT_TRANSLATE_NOOP("SettingsPage", "Round robin")},
                    {QStringLiteral("random"), QT_TRANSLATE_NOOP("SettingsPage", "Random")},
                    {QStringLiteral("least-used"), QT_TRANSLATE_NOOP("SettingsPage", "Least used")},
                    {QStringLiteral("sequential-exhaust"),
                     QT_TRANSLATE_NOOP("SettingsPage", "Use one account until it runs out")}})
            .shown(Group::Accounts, QT_TRANSLATE_NOOP("SettingsPage", "Strategy:")),
        Row::boolean("sessionStickiness", &Config::sessionStickiness)
            .shown(Group::Accounts,
                   QT_TRANSLATE_NOOP("SettingsPage", "Keep a Claude Code session on one account while it is healthy")),
        Row::integer("cooldownMinutes", &Config::cooldownMinutes, 1, 1440),
        Row::integer("cooldownScanMinutes", &Config::cooldownScanMinutes, 1, 1440),
        Row::integer("exhaustedScanMinutes", &Config::exhaustedScanMinutes, 1, 10080),
        Row::integer("quotaRefreshMinutes", &Config::quotaRefreshMinutes, 1, 10080),
        Row::integer("modelListRefreshMinutes", &Config::modelListRefreshMinutes, 1, 10080),
        Row::string("secretStore", &Config::secretStore)
            .environment("SECRET_STORE")
            .appliesAtStart()
            .oneOf({{QStringLiteral("auto"), QT_TRANSLATE_NOOP("SettingsPage", "Automatic (OS keychain)")},
                    {QStringLiteral("keychain"), QT_TRANSLATE_NOOP("SettingsPage", "OS keychain only")},
                    {QStringLiteral("file"), QT_TRANSLATE_NOOP("SettingsPage", "File secrets.json (mode 0600)")}})
            .shown(Group::Accounts, QT_TRANSLATE_NOOP("SettingsPage", "Secret storage:")),

        // Logs and desktop
        Row::integer("logSize", &Config::logSize, 10, 1000000)
            .shown(Group::Desktop, QT_TRANSLATE_NOOP("SettingsPage", "Request log size:")),
        Row::string("language", &Config::language)
            .offers({{QString(), QT_TRANSLATE_NOOP("SettingsPage", "System")},
                     {QStringLiteral("en"), "English", false},
                     {QStringLiteral("zh_CN"), "简体中文", false}})
            .shown(Group::Desktop, QT_TRANSLATE_NOOP("SettingsPage", "Language:")),
        Row::boolean("startAtLogin", &Config::startAtLogin)
            .shown(Group::Desktop, QT_TRANSLATE_NOOP("SettingsPage", "Start Kiro Tray when I log in")),

        // Monitoring
        Row::string("metricsAuth", &Config::metricsAuth)
            .environment("METRICS_AUTH")
            .oneOf({{QStringLiteral("apiKey"), QT_TRANSLATE_NOOP("SettingsPage", "API key (Authorization: Bearer)")},
                    {QStringLiteral("none"), QT_TRANSLATE_NOOP("SettingsPage", "None (this computer only)")}})
            .check(Check::OpenOnlyOnLoopback)
            .shown(Group::Monitoring, QT_TRANSLATE_NOOP("SettingsPage", "Prometheus /metrics access:"))
            .advanced(),
    };
}

} // namespace

const QList<SettingDescriptor> &SettingDescriptor::all()
{
    static const QList<SettingDescriptor> settings = table();
    return settings;
}

const SettingDescriptor *SettingDescriptor::find(const QString &key)
{
    for (const SettingDescriptor &setting : all()) {
        if (setting.key == key)
            return &setting;
    }
    return nullptr;
}

const char *SettingDescriptor::groupTitle(Group group)
{
    switch (group) {
    case Group::Server:
        return QT_TRANSLATE_NOOP("SettingsPage", "Server");
    case Group::Kiro:
        return QT_TRANSLATE_NOOP("SettingsPage", "Kiro");
    case Group::Network:
        return QT_TRANSLATE_NOOP("SettingsPage", "Outbound proxy");
    case Group::Timeouts:
        return QT_TRANSLATE_NOOP("SettingsPage", "Timeouts");
    case Group::Accounts:
        return QT_TRANSLATE_NOOP("SettingsPage", "Accounts");
    case Group::Desktop:
        return QT_TRANSLATE_NOOP("SettingsPage", "Desktop");
    case Group::Monitoring:
        return QT_TRANSLATE_NOOP("SettingsPage", "Monitoring");
    case Group::Hidden:
        break;
    }
    return nullptr;
}

QString SettingDescriptor::fromJson(const QJsonValue &json, QVariant *value) const
{
    switch (type) {
    case Type::String:
        if (!json.isString())
            return QStringLiteral("\"%1\" must be a string").arg(key);
        *value = json.toString();
        return {};
    case Type::Integer: {
        // The range first: converting a double beyond qint64 (1e300) to an integer is undefined behaviour.
        const double d = json.toDouble(-1e300);
        if (!json.isDouble() || !(d >= minimum && d <= maximum) || d != std::trunc(d))
            return QStringLiteral("\"%1\" must be an integer between %2 and %3").arg(key).arg(minimum).arg(maximum);
        *value = int(d);
        return {};
    }
    case Type::Boolean:
        if (!json.isBool())
            return QStringLiteral("\"%1\" must be true or false").arg(key);
        *value = json.toBool();
        return {};
    case Type::StringMap: {
        if (!json.isObject())
            return QStringLiteral("\"%1\" must be an object of %2").arg(key, entries);
        const QJsonObject object = json.toObject();
        QVariantHash map;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                return QStringLiteral("\"%1.%2\" must be a string").arg(key, it.key());
            map.insert(it.key(), it.value().toString());
        }
        *value = map;
        return {};
    }
    }
    return {};
}

QJsonValue SettingDescriptor::toJson(const QVariant &value) const
{
    switch (type) {
    case Type::String:
        return value.toString();
    case Type::Integer:
        return value.toInt();
    case Type::Boolean:
        return value.toBool();
    case Type::StringMap:
        return QJsonObject::fromVariantHash(value.toHash());
    }
    return {};
}

QString SettingDescriptor::fromText(const QString &name, const QString &text, QVariant *value) const
{
    switch (type) {
    case Type::String:
        *value = text;
        return {};
    case Type::Integer: {
        bool ok = false;
        const int n = text.toInt(&ok);
        if (!ok || n < minimum || n > maximum)
            return QStringLiteral("%1 must be a number between %2 and %3").arg(name).arg(minimum).arg(maximum);
        *value = n;
        return {};
    }
    case Type::Boolean: {
        bool ok = false;
        const bool b = parseBool(text, &ok);
        if (!ok)
            return QStringLiteral("%1 must be true or false").arg(name);
        *value = b;
        return {};
    }
    case Type::StringMap:
        break;
    }
    return QStringLiteral("%1 cannot be set from text").arg(name);
}

namespace {
// What is wrong with a value, once: problem() words it for config.json and logs, fieldProblem() for the page.
struct Issue
{
    enum Kind { None, OutOfRange, NotAnAddress, NotAUrlTemplate, NotAProxy, Empty, NotAChoice, OpenToNetwork };
    Kind kind = None;
    QString text; ///< the offending value as logs may show it (a proxy URL without its credentials)
};

Issue issueOf(const SettingDescriptor &setting, const Config &config)
{
    const QVariant value = setting.get(config);
    if (setting.type == Type::Integer) {
        const int n = value.toInt();
        if (n < setting.minimum || n > setting.maximum)
            return {Issue::OutOfRange, QString::number(n)};
    }
    const QString text = value.toString();
    switch (setting.check) {
    case Check::None:
        break;
    case Check::HostAddress: {
        QHostAddress address;
        if (text != QLatin1String("localhost") && !address.setAddress(text))
            return {Issue::NotAnAddress, text};
        break;
    }
    case Check::UrlTemplate: {
        const QUrl url = Config::endpoint(text, config.region);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return {Issue::NotAUrlTemplate, text};
        break;
    }
    case Check::OutboundProxy: {
        if (text.isEmpty() || text == QLatin1String("direct"))
            break;
        const QUrl url(text);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("socks5")))
            return {Issue::NotAProxy, url.toDisplayString(QUrl::RemoveUserInfo)};
        break;
    }
    case Check::NotEmpty:
        if (text.trimmed().isEmpty())
            return {Issue::Empty, text};
        break;
    case Check::OneOfChoices:
    case Check::OpenOnlyOnLoopback: {
        bool allowed = false;
        for (const Choice &choice : setting.choices)
            allowed = allowed || choice.value == text;
        if (!allowed)
            return {Issue::NotAChoice, text};
        QHostAddress host;
        const bool loopback =
            config.host == QLatin1String("localhost") || (host.setAddress(config.host) && host.isLoopback());
        if (setting.check == Check::OpenOnlyOnLoopback && text == QLatin1String("none") && !loopback)
            return {Issue::OpenToNetwork, config.host};
        break;
    }
    }
    return {};
}
} // namespace

QString SettingDescriptor::problem(const Config &config) const
{
    const Issue issue = issueOf(*this, config);
    switch (issue.kind) {
    case Issue::None:
        break;
    case Issue::OutOfRange:
        return QStringLiteral("%1 %2 is outside %3–%4").arg(key, issue.text).arg(minimum).arg(maximum);
    case Issue::NotAnAddress:
        return QStringLiteral("%1 \"%2\" is not an IP address (or \"localhost\")").arg(key, issue.text);
    case Issue::NotAUrlTemplate:
        return QStringLiteral("%1 \"%2\" must be an http(s) URL template such as https://q.{region}.amazonaws.com")
            .arg(key, issue.text);
    case Issue::NotAProxy:
        return QStringLiteral("%1 \"%2\" must look like http://host:port, https://host:port or socks5://host:port")
            .arg(key, issue.text);
    case Issue::Empty:
        return QStringLiteral("%1 must not be empty").arg(key);
    case Issue::NotAChoice: {
        QStringList allowed;
        for (const Choice &choice : choices)
            allowed.append(choice.value);
        return QStringLiteral("%1 \"%2\" must be one of %3").arg(key, issue.text, allowed.join(QStringLiteral(", ")));
    }
    case Issue::OpenToNetwork:
        return QStringLiteral("%1 \"none\" is allowed only while host is a loopback address (127.0.0.1, ::1, "
                              "localhost), not \"%2\": anyone on the network could read it; use \"apiKey\"")
            .arg(key, issue.text);
    }
    return {};
}

QString SettingDescriptor::fieldProblem(const Config &config) const
{
    const Issue issue = issueOf(*this, config);
    const QLocale locale;
    switch (issue.kind) {
    case Issue::None:
        break;
    case Issue::OutOfRange:
        return QCoreApplication::translate("SettingDescriptor", "Choose a number from %1 to %2.")
            .arg(locale.toString(minimum), locale.toString(maximum));
    case Issue::NotAnAddress:
        return QCoreApplication::translate("SettingDescriptor",
                                           "“%1” is not an IP address. Use 127.0.0.1 for this computer "
                                           "only, 0.0.0.0 for every network, or “localhost”.")
            .arg(issue.text);
    case Issue::NotAUrlTemplate:
        return QCoreApplication::translate("SettingDescriptor",
                                           "This must be an http(s) address such as https://q.{region}.amazonaws.com "
                                           "({region} is filled in).");
    case Issue::NotAProxy:
        return QCoreApplication::translate("SettingDescriptor",
                                           "Write the proxy as http://host:port, https://host:port or "
                                           "socks5://host:port, or “direct” for none.");
    case Issue::Empty:
        return QCoreApplication::translate("SettingDescriptor", "This cannot be empty.");
    case Issue::NotAChoice:
        return QCoreApplication::translate("SettingDescriptor", "Choose one of the offered values.");
    case Issue::OpenToNetwork:
        return QCoreApplication::translate("SettingDescriptor",
                                           "Open access is only allowed while the proxy listens on this computer "
                                           "only (127.0.0.1). Choose the API key, or listen on 127.0.0.1.");
    }
    return {};
}

QString SettingDescriptor::choiceLabel(const QString &value) const
{
    for (const Choice &choice : choices) {
        if (choice.value != value)
            continue;
        if (!choice.label)
            return value;
        return choice.translatable ? QCoreApplication::translate("SettingsPage", choice.label)
                                   : QString::fromUtf8(choice.label);
    }
    return value;
}

QString SettingDescriptor::displayValue(const Config &config) const
{
    if (secret)
        return QStringLiteral("(hidden)");
    const QVariant value = get(config);
    switch (type) {
    case Type::String:
        // An outbound proxy URL may carry user:password.
        return check == Check::OutboundProxy ? QUrl(value.toString()).toDisplayString(QUrl::RemoveUserInfo)
                                             : value.toString();
    case Type::Integer:
        return QString::number(value.toInt());
    case Type::Boolean:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::StringMap:
        return QString::fromUtf8(
            QJsonDocument(QJsonObject::fromVariantHash(value.toHash())).toJson(QJsonDocument::Compact));
    }
    return {};
}
