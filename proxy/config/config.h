// SPDX-License-Identifier: MIT
// Config: every setting with its default; loaded as defaults < config.json < environment < command line.
#pragma once

#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include "common/expected.h"
#include "kiro/kirocredential.h"

/// What the command line overrides (each set field wins over environment and file).
struct ConfigOverrides
{
    QString configPath;
    QString dataDir;
    QString host;
    std::optional<int> port;
    bool headless = false; ///< kiro-proxyd: data dir defaults to $DATA_DIR or ./data
};

/// Every setting with its default (the member initialisers). A setting also needs its row in
/// SettingDescriptor::all() (settingdescriptor.cpp), which says how it is read, written, checked and shown.
struct Config
{
    // Server
    QString host = QStringLiteral("127.0.0.1");
    int port = 8990;
    QString apiKey;
    QString adminApiKey;
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    QString allowedHosts; ///< comma-separated extra names for the Host header ("*.example.com", "*" = any)
    QString corsOrigins;  ///< comma-separated browser origins allowed to call /v1 ("*" = any); none by default

    // Kiro
    QString region = QStringLiteral("us-east-1");
    QString kiroVersion = QStringLiteral("0.11.107");
    QString machineId;
    QString systemVersion; ///< empty = chosen at start (darwin#24.6.0 or win32#10.0.22631)
    QString nodeVersion = QStringLiteral("22.22.0");
    QString agentMode = QStringLiteral("vibe");
    QString apiEndpoint = QStringLiteral("https://q.{region}.amazonaws.com");
    QString socialAuthEndpoint = QStringLiteral("https://prod.{region}.auth.desktop.kiro.dev");
    QString idcAuthEndpoint = QStringLiteral("https://oidc.{region}.amazonaws.com");
    QString proxyUrl;
    QString proxyUsername;
    QString proxyPassword;
    int connectTimeoutMs = 30000;
    int firstByteTimeoutMs = 90000;
    int idleTimeoutMs = 300000;
    int authConnectTimeoutMs = 5000; ///< token refresh and quota calls: connect
    int authTimeoutMs = 15000;       ///< token refresh and quota calls: the whole call
    int pingIntervalMs = 15000;
    int maxUpstreamRetries = 2;
    QHash<QString, QString> modelAliases;

    // Pool
    bool poolMode = false;
    QString strategy = QStringLiteral("round-robin");
    bool sessionStickiness = true;
    int cooldownMinutes = 5;
    int cooldownScanMinutes = 15;
    int exhaustedScanMinutes = 60;
    int quotaRefreshMinutes = 30;
    int modelListRefreshMinutes = 60;             ///< how often ListAvailableModels is asked which models Kiro serves
    QString secretStore = QStringLiteral("auto"); ///< auto | keychain | file

    // Logs and desktop
    int logSize = 1000;
    QString language; ///< empty = system
    bool startAtLogin = false;

    // Monitoring
    QString metricsAuth = QStringLiteral("apiKey"); ///< who may GET /metrics: apiKey | none (loopback only)

    // Where things live (not in config.json)
    QString dataDir;
    QString configPath;
    QString importFile;                          ///< kiro-proxyd --import / KIRO_IMPORT_FILE
    std::optional<KiroCredential> envCredential; ///< REFRESH_TOKEN & co.

    /// Loads and validates. Errors name the file, the position or key, and what is wrong.
    static Expected<Config, QString> load(const ConfigOverrides &overrides, const QProcessEnvironment &env);
    /// Applies one config.json object onto `config`; errors name the key.
    static Expected<bool, QString> applyJson(Config &config, const QJsonObject &object, const QString &fileName);
    /// Checks every setting against its row (ranges, addresses, URL templates, choices).
    Expected<bool, QString> validate() const;
    /// Writes config.json atomically, keeping keys of the existing file that we do not know.
    Expected<bool, QString> save(const QString &path = QString()) const;
    /// Writes only `keys` into config.json (each set to our value, or removed when it is the default); the file's
    /// other keys stay as they are, so values that came from the environment or the command line never reach it.
    Expected<bool, QString> saveKeys(const QStringList &keys) const;
    QJsonObject toJson() const;

    /// The API region for a credential (docs/protocol.md §2.2): its own apiRegion, else the configured region.
    QString apiRegionFor(const KiroCredential &credential) const
    {
        return credential.apiRegion.isEmpty() ? region : credential.apiRegion;
    }
    /// A template with {region} expanded.
    static QUrl endpoint(const QString &urlTemplate, const QString &region);
    QString effectiveSystemVersion() const;
};
