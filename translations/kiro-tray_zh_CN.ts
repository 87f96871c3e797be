<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountPool</name>
    <message>
        <source>this account is already in the pool (as “%1”)</source>
        <translation>此账号已在账号池中（名为“%1”）</translation>
    </message>
</context>
<context>
    <name>AccountPresenter</name>
    <message>
        <source>Active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Cooling down until %1</source>
        <translation>冷却中，至 %1</translation>
    </message>
    <message>
        <source>Cooling down</source>
        <translation>冷却中</translation>
    </message>
    <message>
        <source>Exhausted until %1</source>
        <translation>额度耗尽，至 %1</translation>
    </message>
    <message>
        <source>Exhausted</source>
        <translation>额度耗尽</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Disabled: %1</source>
        <translation>已停用：%1</translation>
    </message>
    <message>
        <source>unknown — refresh quota</source>
        <translation>未知 — 请刷新配额</translation>
    </message>
    <message>
        <source>%1 / %2 used</source>
        <translation>已用 %1 / %2</translation>
    </message>
    <message>
        <source> · resets %1</source>
        <translation> · %1 重置</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — %2 % left</source>
        <translation>%1 — 剩余 %2 %</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) cooling down until %1</source>
        <translation>
            <numerusform>%n 个账号冷却中，至 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) cooling down</source>
        <translation>
            <numerusform>%n 个账号冷却中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted until %1</source>
        <translation>
            <numerusform>%n 个账号额度耗尽，至 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted</source>
        <translation>
            <numerusform>%n 个账号额度耗尽</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled</source>
        <translation>
            <numerusform>%n 个账号已停用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled: %1</source>
        <translation>
            <numerusform>%n 个账号已停用：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) still loading secrets</source>
        <translation>
            <numerusform>%n 个账号仍在加载密钥</numerusform>
        </translation>
    </message>
    <message>
        <source>suspended by Kiro</source>
        <translation>被 Kiro 暂停</translation>
    </message>
    <message>
        <source>login expired — re-import</source>
        <translation>登录已失效 — 请重新导入</translation>
    </message>
    <message>
        <source>too many failures</source>
        <translation>失败次数过多</translation>
    </message>
    <message>
        <source>Account exhausted</source>
        <translation>账号额度耗尽</translation>
    </message>
    <message>
        <source>Account suspended</source>
        <translation>账号被暂停</translation>
    </message>
    <message>
        <source>Account needs re-import</source>
        <translation>账号需要重新导入</translation>
    </message>
    <message>
        <source>%1 has used its monthly Kiro quota.</source>
        <translation>%1 已用完本月 Kiro 额度。</translation>
    </message>
    <message>
        <source>Kiro suspended %1: %2</source>
        <translation>Kiro 暂停了 %1：%2</translation>
    </message>
    <message>
        <source>The login of %1 expired or was revoked. Import it again.</source>
        <translation>%1 的登录已过期或被撤销，请重新导入。</translation>
    </message>
</context>
<context>
    <name>AccountService</name>
    <message>
        <source>No usable account</source>
        <translation>没有可用账号</translation>
    </message>
    <message>
        <source>Secrets file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Secret storage</source>
        <translation>密钥存储</translation>
    </message>
    <message>
        <source>Accounts file</source>
        <translation>账号文件</translation>
    </message>
    <message>
        <source>Account secret missing</source>
        <translation>账号密钥缺失</translation>
    </message>
    <message>
        <source>Cannot save accounts</source>
        <translation>无法保存账号</translation>
    </message>
    <message>
        <source>the account&apos;s secret is not loaded</source>
        <translation>账号密钥尚未加载</translation>
    </message>
    <message>
        <source>the account could not be saved: %1</source>
        <translation>无法保存该账号：%1</translation>
    </message>
    <message>
        <source>Kiro&apos;s sign-in service did not answer (%1); try again shortly</source>
        <translation>Kiro 登录服务没有响应（%1）；请稍后再试</translation>
    </message>
    <message>
        <source>Sign-in validation failed: %1</source>
        <translation>登录校验失败：%1</translation>
    </message>
</context>
<context>
    <name>AccountStore</name>
    <message>
        <source>%1 It was moved to %2 and an empty pool was started.</source>
        <translation>%1 该文件已移至 %2，并以空账号池启动。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3).</source>
        <translation>%1 不是有效的 JSON（位置 %3 处：%2）。</translation>
    </message>
    <message>
        <source>%1 is an accounts.json of the pool fork, with plaintext tokens: import it from the Accounts page or with kiro-proxyd --import.</source>
        <translation>%1 是账号池分支版本的 accounts.json，其中含明文令牌：请在“账号”页导入，或使用 kiro-proxyd --import 导入。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 has unknown version %2.</source>
        <translation>%1 的版本 %2 无法识别。</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>IdC</source>
        <translation>IdC</translation>
    </message>
    <message>
        <source>Social</source>
        <translation>社交登录</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>配额</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Refresh quota</source>
        <translation>刷新配额</translation>
    </message>
    <message>
        <source>Refresh all</source>
        <translation>全部刷新</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Refreshing quota: 0 of %1…</source>
        <translation>正在刷新配额：0 / %1…</translation>
    </message>
    <message>
        <source>Refreshing quota: %1 of %2…</source>
        <translation>正在刷新配额：%1 / %2…</translation>
    </message>
    <message numerus="yes">
        <source>Quota refreshed for %n account(s).</source>
        <translation>
            <numerusform>已刷新 %n 个账号的配额。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quota refresh failed for %n account(s): </source>
        <translation>
            <numerusform>%n 个账号的配额刷新失败：</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete accounts</source>
        <translation>删除账号</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n account(s) and their stored secrets?

%1</source>
        <translation>
            <numerusform>删除 %n 个账号及其保存的密钥？

%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename account</source>
        <translation>重命名账号</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>The change could not be saved: %1</source>
        <translation>无法保存此更改：%1</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
</context>
<context>
    <name>CredentialCodec</name>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>logins through an external identity provider (ExternalIdp) are not supported yet</source>
        <translation>暂不支持通过外部身份提供商（ExternalIdp）登录的账号</translation>
    </message>
    <message>
        <source>%1: expected a string, not %2</source>
        <translation>%1：应为字符串，而不是%2</translation>
    </message>
    <message>
        <source>no auth method given (expected social, idc, builder-id or iam)</source>
        <translation>未指定认证方式（应为 social、idc、builder-id 或 iam）</translation>
    </message>
    <message>
        <source>auth method &quot;%1&quot; is not one of social, idc, builder-id, iam</source>
        <translation>认证方式“%1”不是 social、idc、builder-id、iam 之一</translation>
    </message>
</context>
<context>
    <name>DurableFile</name>
    <message>
        <source>%1: %2 failed: %3</source>
        <translation>%1：%2失败：%3</translation>
    </message>
    <message>
        <source>write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>%1: cannot create the directory</source>
        <translation>%1：无法创建该目录</translation>
    </message>
    <message>
        <source>chmod</source>
        <translation>修改权限（chmod）</translation>
    </message>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>fsync</source>
        <translation>同步到磁盘（fsync）</translation>
    </message>
    <message>
        <source>creating a temporary file</source>
        <translation>创建临时文件</translation>
    </message>
    <message>
        <source>fchmod</source>
        <translation>修改权限（fchmod）</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
</context>
<context>
    <name>FileSecretStore</name>
    <message>
        <source>no secret stored for account %1</source>
        <translation>没有为账号 %1 保存密钥</translation>
    </message>
    <message>
        <source>the secret of account %1 in %2 is unreadable: %3</source>
        <translation>%2 中账号 %1 的密钥无法读取：%3</translation>
    </message>
    <message>
        <source>%1 was unreadable and was moved to %2.</source>
        <translation>%1 无法读取，已移至 %2。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import from Kiro IDE</source>
        <translation>从 Kiro IDE 导入</translation>
    </message>
    <message>
        <source>Import Kiro accounts</source>
        <translation>导入 Kiro 账号</translation>
    </message>
    <message>
        <source>Paste the JSON that Kiro exported — one account or an array. Kiro IDE exports, the kiro-auth-token.json cache, kiro.rs credentials.json and pool accounts.json all work. Each account is checked with a real sign-in before it is added.</source>
        <translation>粘贴 Kiro 导出的 JSON — 单个账号或数组均可。支持 Kiro IDE 导出、kiro-auth-token.json 缓存、kiro.rs 的 credentials.json 以及账号池的 accounts.json。每个账号在添加前都会进行一次真实登录校验。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>(the local Kiro IDE login)</source>
        <translation>（本机 Kiro IDE 登录）</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Found the Kiro IDE login.</source>
        <translation>已找到 Kiro IDE 登录信息。</translation>
    </message>
    <message>
        <source>Nothing pasted yet.</source>
        <translation>尚未粘贴内容。</translation>
    </message>
    <message>
        <source>Cannot read this: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>duplicate — already in the pool or pasted twice</source>
        <translation>重复 — 已在账号池中或粘贴了两次</translation>
    </message>
    <message>
        <source>IdC</source>
        <translation>IdC</translation>
    </message>
    <message>
        <source>Social</source>
        <translation>社交登录</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) ready to import</source>
        <translation>
            <numerusform>%n 个账号可导入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped</source>
        <translation>
            <numerusform>，跳过 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>校验中…</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message numerus="yes">
        <source>Added %n account(s)</source>
        <translation>
            <numerusform>已添加 %n 个账号</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed — see the list</source>
        <translation>
            <numerusform>；%n 个失败 — 详见列表</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>no secret in the keychain for account %1</source>
        <translation>钥匙串中没有账号 %1 的密钥</translation>
    </message>
    <message>
        <source>keychain read failed: %1</source>
        <translation>读取钥匙串失败：%1</translation>
    </message>
    <message>
        <source>the keychain entry of account %1 is unreadable: %2</source>
        <translation>钥匙串中账号 %1 的条目无法读取：%2</translation>
    </message>
    <message>
        <source>keychain write failed: %1</source>
        <translation>写入钥匙串失败：%1</translation>
    </message>
    <message>
        <source>keychain delete failed: %1</source>
        <translation>从钥匙串删除失败：%1</translation>
    </message>
</context>
<context>
    <name>LogsModel</name>
    <message numerus="yes">
        <source>%1 (after %n hop(s))</source>
        <translation>
            <numerusform>%1（切换 %n 次后）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (streamed) → %2</source>
        <translation>%1（流式）→ %2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>input %1 (%2), output %3 (%4)</source>
        <translation>输入 %1（%2），输出 %3（%4）</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>输入 / 输出 Token</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Request %1 at %2</source>
        <translation>请求 %1，时间 %2</translation>
    </message>
    <message>
        <source>Model: %1 → Kiro %2%3</source>
        <translation>模型：%1 → Kiro %2%3</translation>
    </message>
    <message>
        <source> (streamed)</source>
        <translation>（流式）</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>账号：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Status: %1%2</source>
        <translation>状态：%1%2</translation>
    </message>
    <message>
        <source>Time to first byte: %1 ms · total: %2 ms</source>
        <translation>首字节时间：%1 毫秒 · 总计：%2 毫秒</translation>
    </message>
    <message>
        <source>Tokens: %1 in (%2), %3 out (%4)</source>
        <translation>Token：输入 %1（%2），输出 %3（%4）</translation>
    </message>
    <message>
        <source>Failed over from %1: %2</source>
        <translation>从 %1 切换：%2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>客户端：%1</translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation>会话：%1</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <source>Search account, model, error, request id…</source>
        <translation>搜索账号、模型、错误、请求 ID…</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>全部请求</translation>
    </message>
    <message>
        <source>Successful</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Select a request to see its timing, failover hops and error.</source>
        <translation>选择一条请求以查看耗时、切换记录和错误。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Clear the request log</source>
        <translation>清空请求日志</translation>
    </message>
    <message>
        <source>Remove every row of the request log?</source>
        <translation>删除请求日志中的所有记录？</translation>
    </message>
    <message>
        <source>Export request log</source>
        <translation>导出请求日志</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kiro Tray</source>
        <translation>Kiro Tray</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Welcome to Kiro Tray</source>
        <translation>欢迎使用 Kiro Tray</translation>
    </message>
    <message>
        <source>&lt;b&gt;1.&lt;/b&gt; Import a Kiro account (paste the JSON Kiro exported, or use your Kiro IDE login).&lt;br&gt;&lt;b&gt;2.&lt;/b&gt; Point your client at the endpoint below — for Claude Code, paste the two lines of the setup block into your shell.</source>
        <translation>&lt;b&gt;1.&lt;/b&gt; 导入一个 Kiro 账号（粘贴 Kiro 导出的 JSON，或使用本机 Kiro IDE 登录）。&lt;br&gt;&lt;b&gt;2.&lt;/b&gt; 将客户端指向下方的地址 — 使用 Claude Code 时，把配置块中的两行粘贴到终端即可。</translation>
    </message>
    <message>
        <source>Import an account…</source>
        <translation>导入账号…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>新密钥…</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Activity:</source>
        <translation>活动：</translation>
    </message>
    <message>
        <source>Requests, last 24 hours</source>
        <translation>最近 24 小时的请求</translation>
    </message>
    <message>
        <source>Client setup</source>
        <translation>客户端配置</translation>
    </message>
    <message>
        <source>Copy Claude Code settings</source>
        <translation>复制 Claude Code 配置</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>新的 API 密钥</translation>
    </message>
    <message>
        <source>Clients using the current key stop working until you give them the new one. Continue?</source>
        <translation>使用当前密钥的客户端将无法工作，直到换成新密钥。继续？</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 account(s) usable</source>
        <translation>
            <numerusform>%1 个账号中 %n 个可用</numerusform>
        </translation>
    </message>
    <message>
        <source>(none — only local clients can connect)</source>
        <translation>（无 — 仅本机客户端可连接）</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Today: %1 requests, %2 tokens in, %3 tokens out · Total: %4 requests, %5 tokens, %6 % successful · Up %7</source>
        <translation>今日：%1 次请求，输入 %2 Token，输出 %3 Token · 累计：%4 次请求，%5 Token，成功率 %6 % · 已运行 %7</translation>
    </message>
    <message>
        <source># Claude Code (shell)
</source>
        <translation># Claude Code（终端）
</translation>
    </message>
    <message>
        <source>
# Claude Code (~/.claude/settings.json)
</source>
        <translation>
# Claude Code（~/.claude/settings.json）
</translation>
    </message>
    <message>
        <source>
# Anthropic SDK (Python)
</source>
        <translation>
# Anthropic SDK（Python）
</translation>
    </message>
    <message>
        <source>The key was not changed: %1</source>
        <translation>密钥未更改：%1</translation>
    </message>
</context>
<context>
    <name>ProxyServer</name>
    <message>
        <source>refusing to listen on %1 without an API key: it would expose your Kiro quota to the network; set an API key (apiKey or API_KEY) first, or listen on 127.0.0.1</source>
        <translation>拒绝在没有 API 密钥的情况下监听 %1：这会把你的 Kiro 额度暴露给网络；请先设置 API 密钥（apiKey 或 API_KEY），或改为监听 127.0.0.1</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
</context>
<context>
    <name>ProxyService</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Kiro Tray</source>
        <translation>Kiro Tray</translation>
    </message>
    <message>
        <source>The configuration cannot be read:
%1</source>
        <translation>无法读取配置：
%1</translation>
    </message>
    <message>
        <source>No keychain available</source>
        <translation>没有可用的钥匙串</translation>
    </message>
    <message>
        <source>Kiro Tray could not reach the system keychain (%1).

Store account secrets in a file readable only by you (%2, mode 0600) instead?</source>
        <translation>Kiro Tray 无法访问系统钥匙串（%1）。

改为把账号密钥保存在只有你能读取的文件中（%2，权限 0600）吗？</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies fully after a restart.</source>
        <translation>新语言将在重启后完全生效。</translation>
    </message>
    <message>
        <source>The proxy did not start</source>
        <translation>代理未能启动</translation>
    </message>
    <message>
        <source>%1

Change the host or port in Settings and press Apply.</source>
        <translation>%1

请在设置中修改地址或端口，然后点击“应用”。</translation>
    </message>
    <message>
        <source>No API key</source>
        <translation>没有 API 密钥</translation>
    </message>
    <message>
        <source>Kiro Tray could not create its API key (%1). The proxy answers on this machine only, without a key, until Settings can be saved.</source>
        <translation>Kiro Tray 无法创建 API 密钥（%1）。在设置可以保存之前，代理仅在本机无密钥地应答。</translation>
    </message>
</context>
<context>
    <name>RequestChart</name>
    <message>
        <source>Requests in the last 24 hours</source>
        <translation>最近 24 小时的请求</translation>
    </message>
    <message>
        <source>24 h ago</source>
        <translation>24 小时前</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>No requests in the last 24 hours</source>
        <translation>最近 24 小时没有请求</translation>
    </message>
    <message numerus="yes">
        <source>peak %n/h</source>
        <translation>
            <numerusform>峰值 %n 次/小时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Keep a Claude Code session on one account while it is healthy</source>
        <translation>同一 Claude Code 会话在账号正常时固定使用该账号</translation>
    </message>
    <message>
        <source>Start Kiro Tray when I log in</source>
        <translation>登录系统时启动 Kiro Tray</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>http://host:port, socks5://host:port or direct</source>
        <translation>http://主机:端口、socks5://主机:端口 或 direct</translation>
    </message>
    <message>
        <source>Automatic (OS keychain)</source>
        <translation>自动（系统钥匙串）</translation>
    </message>
    <message>
        <source>OS keychain only</source>
        <translation>仅系统钥匙串</translation>
    </message>
    <message>
        <source>File secrets.json (mode 0600)</source>
        <translation>文件 secrets.json（权限 0600）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Kiro</source>
        <translation>Kiro</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <source>Chat endpoint:</source>
        <translation>对话接口地址：</translation>
    </message>
    <message>
        <source>Social sign-in endpoint:</source>
        <translation>社交登录接口地址：</translation>
    </message>
    <message>
        <source>IdC sign-in endpoint:</source>
        <translation>IdC 登录接口地址：</translation>
    </message>
    <message>
        <source>Outbound proxy:</source>
        <translation>出站代理：</translation>
    </message>
    <message>
        <source>Proxy user:</source>
        <translation>代理用户名：</translation>
    </message>
    <message>
        <source>Proxy password:</source>
        <translation>代理密码：</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>调度策略：</translation>
    </message>
    <message>
        <source>Secret storage:</source>
        <translation>密钥存储：</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Request log size:</source>
        <translation>请求日志条数：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>Settings applied.</source>
        <translation>设置已应用。</translation>
    </message>
    <message>
        <source>Settings applied, but start at login failed: %1</source>
        <translation>设置已应用，但开机启动设置失败：%1</translation>
    </message>
    <message>
        <source>Takes effect when Kiro Tray starts again: %1.</source>
        <translation>下次启动 Kiro Tray 时生效：%1。</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Least used</source>
        <translation>最少使用</translation>
    </message>
    <message>
        <source>Use one account until it runs out</source>
        <translation>用完一个账号再换下一个</translation>
    </message>
    <message>
        <source>Sign-in connect timeout (ms):</source>
        <translation>登录连接超时（毫秒）：</translation>
    </message>
    <message>
        <source>Sign-in and quota timeout (ms):</source>
        <translation>登录与配额请求超时（毫秒）：</translation>
    </message>
</context>
<context>
    <name>TokenRefresher</name>
    <message>
        <source>the refresh token is missing</source>
        <translation>缺少刷新令牌</translation>
    </message>
    <message>
        <source>the refresh token is truncated (contains &quot;...&quot;); copy the full token</source>
        <translation>刷新令牌被截断了（含有“...”）；请复制完整的令牌</translation>
    </message>
    <message>
        <source>the refresh token is too short (%1 characters; real ones have 100 or more)</source>
        <translation>刷新令牌太短（%1 个字符；真实的令牌至少有 100 个字符）</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Kiro Tray is still running</source>
        <translation>Kiro Tray 仍在运行</translation>
    </message>
    <message>
        <source>The proxy keeps serving in the background. Use the tray icon to open the window or quit.</source>
        <translation>代理会在后台继续服务。可通过托盘图标打开窗口或退出。</translation>
    </message>
    <message>
        <source>Open Kiro Tray</source>
        <translation>打开 Kiro Tray</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>调度策略</translation>
    </message>
    <message>
        <source>Copy endpoint</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Copy Claude Code settings</source>
        <translation>复制 Claude Code 配置</translation>
    </message>
    <message>
        <source>Pause proxy</source>
        <translation>暂停代理</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Kiro Tray — %1
%2
Strategy: %3
%4 of %5 accounts usable · %6 requests today</source>
        <translation>Kiro Tray — %1
%2
调度策略：%3
%5 个账号中 %4 个可用 · 今日 %6 次请求</translation>
    </message>
    <message>
        <source>Resume proxy</source>
        <translation>恢复代理</translation>
    </message>
    <message>
        <source>No accounts — open Kiro Tray to import one</source>
        <translation>没有账号 — 打开 Kiro Tray 导入</translation>
    </message>
    <message>
        <source>Strategy not changed</source>
        <translation>策略未更改</translation>
    </message>
</context>
<context>
    <name>UpstreamError</name>
    <message>
        <source>This Kiro account has used up its monthly request limit.</source>
        <translation>此 Kiro 账号本月的请求额度已用完。</translation>
    </message>
    <message>
        <source>Kiro has suspended this account.</source>
        <translation>Kiro 已暂停此账号。</translation>
    </message>
    <message>
        <source>Kiro refused the account&apos;s credentials (HTTP %1).</source>
        <translation>Kiro 拒绝了此账号的凭证（HTTP %1）。</translation>
    </message>
    <message>
        <source>The refresh token cannot be used (it is missing, cut short or incomplete); import the account again.</source>
        <translation>刷新令牌无法使用（缺失、被截断或不完整）；请重新导入此账号。</translation>
    </message>
    <message>
        <source>The login has expired or was revoked; import the account again.</source>
        <translation>登录已过期或已被撤销；请重新导入此账号。</translation>
    </message>
    <message>
        <source>Kiro is limiting how fast this account may send requests; try again in a moment.</source>
        <translation>Kiro 正在限制此账号的请求频率；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro is overloaded right now; try again shortly.</source>
        <translation>Kiro 当前负载过高；请稍后再试。</translation>
    </message>
    <message>
        <source>The conversation is longer than the model can take.</source>
        <translation>对话长度超出了模型能处理的上限。</translation>
    </message>
    <message>
        <source>Kiro does not offer this model to the account.</source>
        <translation>Kiro 不向此账号提供该模型。</translation>
    </message>
    <message>
        <source>Kiro rejected the request (HTTP %1).</source>
        <translation>Kiro 拒绝了该请求（HTTP %1）。</translation>
    </message>
    <message>
        <source>Cannot reach Kiro: %1</source>
        <translation>无法连接 Kiro：%1</translation>
    </message>
    <message>
        <source>Kiro did not answer in time; try again shortly.</source>
        <translation>Kiro 没有及时响应；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro had a server error (HTTP %1); try again shortly.</source>
        <translation>Kiro 服务器出错（HTTP %1）；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro&apos;s sign-in service did not answer in time; try again shortly.</source>
        <translation>Kiro 登录服务没有及时响应；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro&apos;s answer broke off before it was complete.</source>
        <translation>Kiro 的回答在完成前中断了。</translation>
    </message>
    <message>
        <source>The connection to Kiro was lost before the answer was complete.</source>
        <translation>回答完成前与 Kiro 的连接断开了。</translation>
    </message>
    <message>
        <source>The account&apos;s sign-in details are incomplete (an IAM Identity Center or Builder ID account needs its client ID and client secret); import it again.</source>
        <translation>此账号的登录信息不完整（IAM Identity Center 或 Builder ID 账号需要客户端 ID 和客户端密钥）；请重新导入。</translation>
    </message>
    <message>
        <source>Kiro&apos;s answer could not be read.</source>
        <translation>无法读取 Kiro 的回答。</translation>
    </message>
    <message>
        <source>Kiro answered with an unexpected error (HTTP %1).</source>
        <translation>Kiro 返回了意外的错误（HTTP %1）。</translation>
    </message>
    <message>
        <source>%1 Kiro: “%2”</source>
        <comment>a sentence, then Kiro&apos;s own words</comment>
        <translation>%1Kiro 原文：“%2”</translation>
    </message>
</context>
</TS>
