// SPDX-License-Identifier: MIT
// SettingDescriptor: the one table of settings that loading, saving, validation and the Settings page loop over.
#pragma once

#include <functional>

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

struct Config;
struct ConfigOverrides;

/// One setting: its config.json key, where it is read from, how it is checked, and how the Settings page shows it.
struct SettingDescriptor
{
    /// How the value is held: String ↔ QString, Integer ↔ int, Boolean ↔ bool, StringMap ↔ QVariantHash of strings.
    enum class Type { String, Integer, Boolean, StringMap };
    /// What a value must be beyond its type; integers are always held to minimum..maximum.
    enum class Check {
        None,
        HostAddress,   ///< an IP address or "localhost"
        UrlTemplate,   ///< an http(s) URL once {region} is expanded
        OutboundProxy, ///< empty, "direct", or an http, https or socks5 URL
        OneOfChoices,  ///< one of `choices`
        NotEmpty,      ///< any text but none
        /// One of `choices`; "none" (no key asked) only while `host` is a loopback address.
        OpenOnlyOnLoopback,
    };
    /// Group boxes of the Settings page, shown in the order the table first names them; a group whose rows are
    /// `advanced` sits in the page's collapsed Advanced section.
    enum class Group { Hidden, Server, Kiro, Network, Timeouts, Accounts, Desktop, Monitoring };
    enum class Widget { Text, Password, Integer, CheckBox, Choice };

    /// One entry of a choice list.
    struct Choice
    {
        QString value;
        const char *label = nullptr; ///< QT_TRANSLATE_NOOP("SettingsPage", …); null shows the value itself
        bool translatable = true;    ///< false for names shown as written (a language in its own language)
    };

    /// The setting's field on the Settings page.
    struct Presentation
    {
        Group group = Group::Hidden;
        const char *label = nullptr; ///< form label or check box text: QT_TRANSLATE_NOOP("SettingsPage", …)
        Widget widget = Widget::Text;
        const char *hint = nullptr; ///< placeholder of a text field, special-value text of a number field
        bool trimmed = true;        ///< false for credentials: taken exactly as typed
        bool advanced = false;      ///< in the collapsed Advanced section: what a normal user never touches
    };

    QString key; ///< the config.json name; also the objectName of its widget on the Settings page
    Type type = Type::String;
    QStringList environment; ///< variables that set it (over config.json); a later name wins over an earlier one
    std::function<QVariant(const ConfigOverrides &)> commandLine; ///< null QVariant when the option was not given
    std::function<QVariant(const Config &)> get;
    std::function<void(Config &, const QVariant &)> set;
    QVariant defaultValue; ///< get() of a default Config: Config's member initialisers are the one source
    int minimum = 0;       ///< Integer only
    int maximum = 0;       ///< Integer only
    Check check = Check::None;
    QList<Choice> choices;
    QString entries;               ///< StringMap only: what an entry looks like, for error messages
    bool restartsListener = false; ///< applying a new value needs a new listening socket
    bool appliesAtStart = false;   ///< read once when the app starts (the secret store): a change waits for it
    bool secret = false;           ///< never logged
    Presentation page;

    /// Every setting, in Config's order.
    static const QList<SettingDescriptor> &all();
    /// The setting with this config.json key, or null.
    static const SettingDescriptor *find(const QString &key);
    /// Translatable title of a Settings page group (QT_TRANSLATE_NOOP("SettingsPage", …)).
    static const char *groupTitle(Group group);

    /// Converts a config.json value; on failure returns what is wrong, naming the key ("\"port\" must be …").
    QString fromJson(const QJsonValue &json, QVariant *value) const;
    QJsonValue toJson(const QVariant &value) const;
    /// Converts the text of environment variable `name`; on failure returns what is wrong, naming the variable.
    QString fromText(const QString &name, const QString &text, QVariant *value) const;
    /// What is wrong with this setting's value in `config` (range and check), or an empty string. Names the key, in
    /// English: for config.json, the environment and logs.
    QString problem(const Config &config) const;
    /// The same problem in the user's language and plain words, without the key: shown at the setting's field.
    QString fieldProblem(const Config &config) const;
    /// The value as logs may show it: secrets hidden, credentials dropped from URLs.
    /// The translated label of one of `choices` (the value itself when it has none or is not a choice).
    QString choiceLabel(const QString &value) const;
    QString displayValue(const Config &config) const;
};
