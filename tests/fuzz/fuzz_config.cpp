// SPDX-License-Identifier: MIT
// Fuzzes configuration loading without touching any file: config.json text through Config::applyJson and
// Config::validate, environment values through SettingDescriptor::fromText (a top-level key that names a variable,
// e.g. "PORT", is read as that variable), and the round trip of Settings::apply (toJson, then loaded again).
#include <QJsonDocument>
#include <QJsonObject>

#include "config/config.h"
#include "config/settingdescriptor.h"
#include "fuzzsupport.h"

namespace {

void applyEnvironment(Config &config, const QJsonObject &object)
{
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        for (const QString &name : setting.environment) {
            const QJsonValue text = object.value(name);
            if (!text.isString())
                continue;
            QVariant value;
            if (setting.fromText(name, text.toString(), &value).isEmpty())
                setting.set(config, value);
        }
    }
}

// What Settings::apply saves for a valid configuration must load back to the same configuration.
void roundTrip(const Config &config)
{
    const QJsonObject saved = config.toJson();
    Config reloaded;
    const auto applied = Config::applyJson(reloaded, saved, QStringLiteral("config.json"));
    FuzzSupport::require(applied.ok(), "a saved config.json does not load");
    FuzzSupport::require(reloaded.validate().ok(), "a saved valid config.json is invalid");
    FuzzSupport::require(reloaded.toJson() == saved, "config.json changes when loaded and saved");
    for (const SettingDescriptor &setting : SettingDescriptor::all())
        FuzzSupport::require(setting.get(reloaded) == setting.get(config), "a setting changes when saved");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(FuzzSupport::bytes(data, size), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return 0;
    const QJsonObject object = doc.object();
    Config config;
    if (!Config::applyJson(config, object, QStringLiteral("config.json")))
        return 0;
    applyEnvironment(config, object);
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        (void)setting.displayValue(config);
        (void)setting.problem(config);
    }
    if (config.validate()) {
        roundTrip(config);
        for (const QString &t : {config.apiEndpoint, config.socialAuthEndpoint, config.idcAuthEndpoint})
            (void)Config::endpoint(t, config.region);
    }
    return 0;
}
