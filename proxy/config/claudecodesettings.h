// SPDX-License-Identifier: MIT
// ClaudeCodeSettings: puts this proxy's endpoint and key into Claude Code's ~/.claude/settings.json and takes them out.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include "common/expected.h"

/// The "env" block of Claude Code's user settings, edited the careful way: every other member of the file is kept
/// (the file is parsed and written again, so its indentation and key order become Qt's), a file that is not valid
/// JSON is never touched, the previous content is kept as a backup next to it, and the file keeps its mode (0600 when
/// it is new: it holds a key). Plans are pure (bytes in, bytes out); apply() is the only function that writes.
class ClaudeCodeSettings
{
    Q_DECLARE_TR_FUNCTIONS(ClaudeCodeSettings)
public:
    static constexpr const char *kBaseUrlKey = "ANTHROPIC_BASE_URL";
    static constexpr const char *kApiKeyKey = "ANTHROPIC_API_KEY";

    /// `home`/.claude/settings.json.
    static QString path(const QString &home);

    /// One env member the plan changes. A missing value (`had`/`has` false) is shown as "not set".
    struct Change
    {
        QString key;
        QString before;
        bool had = false;
        QString after;
        bool has = false;
    };

    /// What a configure or remove would do to the file.
    struct Plan
    {
        bool existed = false;  ///< the file was there (an empty file counts as `{}`)
        QByteArray original;   ///< its bytes when the plan was made (apply() refuses if they changed since)
        QByteArray updated;    ///< the new content
        QList<Change> changes; ///< empty: the file already says what we want; nothing to write
    };

    /// The content of `original` with env.ANTHROPIC_BASE_URL = `endpoint` and env.ANTHROPIC_API_KEY = `apiKey`.
    /// Error (translated): not JSON, not an object, or "env" not an object.
    static Expected<Plan, QString> planConfigure(const QByteArray &original, bool existed, const QString &endpoint,
                                                 const QString &apiKey);
    /// The content of `original` without the two members, each only while it still holds our value (a key the user
    /// changed is theirs now). An "env" left empty goes too.
    static Expected<Plan, QString> planRemove(const QByteArray &original, bool existed, const QString &endpoint,
                                              const QString &apiKey);
    /// Reads `path` (a missing file is an empty object) and plans. Error: unreadable or invalid, in words.
    static Expected<Plan, QString> readAndPlanConfigure(const QString &path, const QString &endpoint,
                                                        const QString &apiKey);
    static Expected<Plan, QString> readAndPlanRemove(const QString &path, const QString &endpoint,
                                                     const QString &apiKey);

    /// Whether `path` holds both members with our values (the "Remove" button is offered then).
    static bool isConfigured(const QString &path, const QString &endpoint, const QString &apiKey);

    /// Writes `plan` to `path`: refuses when the file changed since the plan was made; copies the previous content to
    /// backupPath(path, now) first; writes through DurableFile; gives the file its previous mode back. A symbolic link
    /// is followed (its target is written, the link stays). Returns the backup's path (empty when there was no file).
    static Expected<QString, QString> apply(const QString &path, const Plan &plan);

    /// "settings.json.kiro-tray-20261130-211500.bak" next to `path` (a second one in the same second gets "-2").
    static QString backupPath(const QString &path);

    /// "kt-••••••••1234": enough to recognise a key, never enough to use it.
    static QString masked(const QString &secret);
};
