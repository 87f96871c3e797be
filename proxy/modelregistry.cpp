// SPDX-License-Identifier: MIT
// ModelRegistry: one round asks one usable account per API region; the union of the answers is what Kiro serves.
#include "modelregistry.h"

#include <QLoggingCategory>
#include <QSet>

#include "accounts/accountpool.h"
#include "anthropic/modelcatalogue.h"
#include "anthropic/modelmap.h"
#include "config/config.h"
#include "kiro/client/runtimeclient.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/machineid.h"

Q_LOGGING_CATEGORY(lcModels, "kiro.proxy.models")

ModelRegistry::ModelRegistry(const Config &config, AccountPool &pool, TokenRefresher &refresher, RuntimeClient &runtime,
                             ModelMap &models, ModelCatalogue &catalogue, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_pool(pool)
    , m_refresher(refresher)
    , m_runtime(runtime)
    , m_models(models)
    , m_catalogue(catalogue)
{
    m_timer.setParent(this); // a member: destroyed before QObject would delete it
    m_timer.setObjectName(QStringLiteral("modelListRefresh"));
    applyInterval();
    connect(&m_timer, &QTimer::timeout, this, [this] { refresh(); });
    // Accounts imported while the list is unknown are the first chance to learn it.
    auto retryWhileUnknown = [this] {
        if (!known() && !m_running && m_pool.size() > 0)
            refresh();
    };
    connect(&m_pool, &AccountPool::accountsChanged, this, retryWhileUnknown);
    // A token the chat path just refreshed may succeed where the previous round's stale one failed.
    connect(&m_pool, &AccountPool::credentialChanged, this, retryWhileUnknown);
}

void ModelRegistry::applyInterval()
{
    m_timer.setInterval(m_config.modelListRefreshMinutes * 60 * 1000);
}

void ModelRegistry::start()
{
    m_timer.start();
    refresh();
}

void ModelRegistry::refresh(QObject *context, std::function<void(bool)> done)
{
    if (done)
        m_waiters.append({context, context != nullptr, std::move(done)});
    if (m_running)
        return;
    m_running = true;
    m_pendingAccounts.clear();
    QSet<QString> regions;
    for (const Account &a : m_pool.accounts()) {
        if (!m_pool.isAvailable(a) || !m_pool.hasCredential(a.id))
            continue;
        const QString region = m_config.apiRegionFor(m_pool.credential(a.id));
        if (regions.contains(region))
            continue;
        regions.insert(region);
        m_pendingAccounts.append(a.id);
    }
    fetchNext();
}

void ModelRegistry::fetchNext()
{
    if (m_pendingAccounts.isEmpty()) {
        finishRound();
        return;
    }
    const QString id = m_pendingAccounts.takeFirst();
    m_refresher.ensureFresh(id, m_pool.credential(id), false, this, [this, id](const RefreshResult &r) {
        if (!r.ok) {
            qCWarning(lcModels).noquote()
                << "model list: cannot sign in with" << m_pool.accountName(id) << "—" << r.error.describe();
            fetchNext();
            return;
        }
        const QString region = m_config.apiRegionFor(r.credential);
        m_runtime.fetchModels(r.credential, MachineId::derive(r.credential, m_config.machineId), this,
                              [this, region](const Expected<QList<KiroModelInfo>, UpstreamError> &models) {
                                  if (!models) {
                                      qCWarning(lcModels).noquote()
                                          << "model list for" << region << "unavailable:" << models.error().describe();
                                  } else if (!models->isEmpty()) {
                                      m_byRegion.insert(region, models.value());
                                  }
                                  fetchNext();
                              });
    });
}

void ModelRegistry::finishRound()
{
    QList<KiroModelInfo> all;
    QSet<QString> seen;
    for (auto it = m_byRegion.cbegin(); it != m_byRegion.cend(); ++it) {
        for (const KiroModelInfo &m : it.value()) {
            if (seen.contains(m.modelId.toLower()))
                continue;
            seen.insert(m.modelId.toLower());
            all.append(m);
        }
    }
    QStringList before;
    QStringList after;
    for (const KiroModelInfo &m : std::as_const(m_served))
        before.append(m.modelId);
    for (const KiroModelInfo &m : std::as_const(all))
        after.append(m.modelId);
    const bool changed = before != after;
    if (changed) {
        m_served = all;
        m_models.setServedModels(all);
        m_catalogue.setServedModels(all);
        qCInfo(lcModels).noquote() << "Kiro serves:" << after.join(QStringLiteral(", "));
    }
    m_running = false;
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters) {
        if (w.hasContext && !w.context)
            continue;
        w.done(changed);
    }
}
