// SPDX-License-Identifier: MIT
// DurableFile: the one way files under the data directory are written — atomic, private (0600) and fsync'd.
#pragma once

#include <functional>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "common/expected.h"

/// Every writer of the data directory goes through here (config.json, accounts.json, secrets.json,
/// statistics.json, requests.jsonl trims, credentials.json). Once write() returned true, the new content survives a
/// crash of the process and of the machine: a temporary file in the same directory is created 0600 before any byte
/// is written, written, fsync'd, renamed over the target, and the directory is fsync'd.
namespace DurableFile {

/// Replaces `path` with `bytes`. The parent directory is created (0700) when missing. Error: what failed and why
/// ("…: No space left on device").
Expected<bool, QString> write(const QString &path, const QByteArray &bytes);

/// fsyncs a file that was appended to (requests.jsonl). Error: why.
Expected<bool, QString> sync(const QString &path);

/// fsyncs a directory, so that a rename or a new file in it is on disk.
Expected<bool, QString> syncDirectory(const QString &dir);

/// Creates `dir` (and its parents) when missing; `dir` itself gets mode 0700.
Expected<bool, QString> makePrivateDir(const QString &dir);

/// Start-up: the data directory becomes 0700 and every regular file directly in it 0600; temporary files left by a
/// crash in the middle of write() are removed. Returns one line per problem (empty when all went well).
QStringList tightenDataDir(const QString &dir);

/// Tests only: called with the temporary file's path once it exists and before any content is written.
void setCreatedHookForTests(std::function<void(const QString &tempPath)> hook);

} // namespace DurableFile
