// SPDX-License-Identifier: MIT
// ModelRegistry: which models Kiro serves, fetched per region with ListAvailableModels and applied to the model map
// and the /v1/models catalogue.
#pragma once

#include <functional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "kiro/availablemodels.h"

class AccountPool;
class ModelCatalogue;
class ModelMap;
class RuntimeClient;
class TokenRefresher;
struct Config;

/// Keeps the served-model list current: at start, every modelListRefreshMinutes, when accounts arrive while the list
/// is still unknown, and on demand after Kiro rejected a model id. Until a list was fetched (or when every fetch
/// fails) the map passes normalised ids through and /v1/models shows the built-in catalogue.
class ModelRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelRegistry)
public:
    ModelRegistry(const Config &config, AccountPool &pool, TokenRefresher &refresher, RuntimeClient &runtime,
                  ModelMap &models, ModelCatalogue &catalogue, QObject *parent = nullptr);

    void start();
    /// Fetches the lists again (one fetch at a time; callers arriving meanwhile share it). `done(changed)` runs on
    /// `context` when the fetch ended.
    void refresh(QObject *context = nullptr, std::function<void(bool changed)> done = {});
    bool known() const { return !m_served.isEmpty(); }
    bool fetching() const { return m_running; }

    /// Takes a new modelListRefreshMinutes.
    void applyInterval();

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void(bool)> done;
    };
    void fetchNext();
    void finishRound();

    const Config &m_config;
    AccountPool &m_pool;
    TokenRefresher &m_refresher;
    RuntimeClient &m_runtime;
    ModelMap &m_models;
    ModelCatalogue &m_catalogue;
    QTimer m_timer;
    QList<KiroModelInfo> m_served;
    QHash<QString, QList<KiroModelInfo>> m_byRegion;
    QStringList m_pendingAccounts; ///< one account per region still to ask in this round
    QList<Waiter> m_waiters;
    bool m_running = false;
};
