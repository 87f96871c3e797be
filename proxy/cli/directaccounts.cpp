// SPDX-License-Identifier: MIT
// DirectAccounts: the same calls ManagementApi makes, on an AccountService of our own.
#include "cli/directaccounts.h"

#include <QJsonArray>
#include <QJsonObject>
#include <memory>

#include "common/redactor.h"
#include "config/config.h"
#include "kiro/client/kirorequests.h"
#include "server/managementapi.h"

DirectAccounts::DirectAccounts(const Config &config, std::function<void(const QString &)> warn, QObject *parent)
    : QObject(parent)
    , m_settings(config)
    , m_refresher(&m_nam, m_settings.config())
    , m_usage(&m_nam, m_settings.config())
    , m_accounts(m_settings, AccountService::Source::HeadlessPool, m_refresher, m_usage)
{
    KiroRequests::applyProxy(m_nam, m_settings.config());
    connect(&m_accounts, &AccountService::noticeRaised, this,
            [warn](AccountService::Notice, const QString &title, const QString &message) {
                if (warn)
                    warn(title + QStringLiteral(": ") + message);
            });
}

DirectAccounts::~DirectAccounts() = default;

Expected<bool, QString> DirectAccounts::open()
{
    return m_accounts.load();
}

void DirectAccounts::list(Done done)
{
    QJsonArray all;
    for (const Account &a : m_accounts.accounts())
        all.append(ManagementApi::accountJson(a));
    done({0, all, QString()});
}

void DirectAccounts::importText(const QString &text, Done done)
{
    const ImportParse parsed = m_accounts.parseImport(text);
    if (!parsed.error.isEmpty()) {
        done({1, QJsonValue(), parsed.error});
        return;
    }
    struct State
    {
        QList<QJsonObject> rows; ///< in the order of the file
        int pending = 0;
    };
    auto state = std::make_shared<State>();
    state->rows.resize(parsed.candidates.size());
    state->pending = int(parsed.candidates.size());
    auto finishIfDone = [state, done] {
        if (state->pending > 0)
            return;
        QJsonArray rows;
        for (const QJsonObject &row : std::as_const(state->rows))
            rows.append(row);
        done({0, rows, QString()});
    };
    for (int i = 0; i < parsed.candidates.size(); ++i) {
        const ImportCandidate &c = parsed.candidates.at(i);
        if (!c.importable()) {
            state->rows[i] = ManagementApi::importResult(c, nullptr);
            --state->pending;
            continue;
        }
        // validateAndAdd answers once the account and its secret are durable.
        m_accounts.validateAndAdd(c, this, [state, i, c, finishIfDone](const AccountService::Added &added) {
            state->rows[i] = ManagementApi::importResult(c, &added);
            --state->pending;
            finishIfDone();
        });
    }
    finishIfDone();
}

void DirectAccounts::setEnabled(const QString &id, bool enabled, Done done)
{
    const bool found = enabled ? m_accounts.enable(id) : m_accounts.disable(id);
    if (!found) {
        done({3, QJsonValue(), QStringLiteral("account not found")});
        return;
    }
    answerWhenDurable(QJsonObject{{QStringLiteral("success"), true}}, id, std::move(done));
}

void DirectAccounts::remove(const QString &id, Done done)
{
    if (!m_accounts.remove(id)) {
        done({3, QJsonValue(), QStringLiteral("account not found")});
        return;
    }
    answerWhenDurable(QJsonValue(), QString(), std::move(done));
}

void DirectAccounts::answerWhenDurable(const QJsonValue &value, const QString &accountId, Done done, int rounds)
{
    m_accounts.whenDurable(
        this,
        [this, value, accountId, done, rounds](const QString &error) {
            if (!error.isEmpty()) {
                done({1, QJsonValue(), QStringLiteral("the change was not saved: %1").arg(error)});
                return;
            }
            // A removed account's secret goes after its removal is on disk, in the commits that follow: wait for
            // them (a few at most; one the store refuses stays listed and is tried again at the next start).
            if (m_accounts.deletingSecrets() && rounds < 4) {
                answerWhenDurable(value, accountId, done, rounds + 1);
                return;
            }
            done({0, value, QString()});
        },
        accountId);
}

void DirectAccounts::refreshUsage(const QString &id, Done done)
{
    if (!id.isEmpty() && !m_accounts.contains(id)) {
        done({3, QJsonValue(), QStringLiteral("account not found")});
        return;
    }
    // The secrets come from the store after load(); a quota check needs them.
    m_accounts.whenSecretsLoaded(this, [this, id, done] {
        auto rows = std::make_shared<QJsonArray>();
        m_accounts.refreshQuota(
            id.isEmpty() ? QStringList() : QStringList{id}, this,
            [this, rows](const QString &accountId, const QString &error) {
                QJsonObject row{{QStringLiteral("id"), accountId}, {QStringLiteral("success"), error.isEmpty()}};
                if (error.isEmpty())
                    row.insert(QStringLiteral("usage"), m_accounts.usage(accountId)->toJson());
                else
                    row.insert(QStringLiteral("error"), Redactor::scrub(error));
                rows->append(row);
            },
            // The new quota snapshots are kept in accounts.json like the daemon keeps them.
            [this, rows, done] { answerWhenDurable(*rows, QString(), done); });
    });
}

void DirectAccounts::strategy(Done done)
{
    done({0, SelectionStrategy::name(m_accounts.strategy()), QString()});
}

void DirectAccounts::setStrategy(const QString &name, Done done)
{
    SelectionStrategy::Kind kind;
    if (!SelectionStrategy::fromName(name, &kind)) {
        done({2, QJsonValue(), QStringLiteral("unknown strategy \"%1\"").arg(name)});
        return;
    }
    const auto saved = m_accounts.setStrategy(kind); // config.json is durable once this returns
    if (!saved) {
        done({1, QJsonValue(), QStringLiteral("the change was not saved: %1").arg(saved.error())});
        return;
    }
    done({0, name, QString()});
}
