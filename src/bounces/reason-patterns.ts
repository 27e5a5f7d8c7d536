/**
 * Diagnostic text to reason: the words receiving servers use, in the order they are tried (the
 * more specific first). General rules, after the reason lists of Sisimai (BSD-2-Clause), not
 * per-mail rules. Every pattern runs on lower-cased text.
 */
export const REASON_PATTERNS: ReadonlyArray<readonly [reason: string, pattern: RegExp]> = [
  ['onhold', /\bon hold\b/],
  [
    'securityerror',
    /delivery not authori[sz]ed|message (?:was )?not authori[sz]ed|authentication credentials invalid|must issue a starttls/,
  ],
  [
    'mailboxfull',
    /mailbox (?:is )?(?:full|over ?quota|exceeded|size limit)|(?:quota|disk) (?:exceeded|full)|over (?:the )?quota|exceeded (?:the )?(?:storage|quota)|mailbox_full|mail ?box (?:has )?exceeded|user (?:is )?over ?quota|insufficient (?:disk )?space|not enough (?:storage|space)|(?:account|mailbox|inbox) is full|user has exceeded|maildir over quota|storage (?:space )?(?:full|exceeded)|full mailbox|user's mailbox is full|would exceed (?:the )?(?:mailbox|quota)|quota violation|too much mail data/,
  ],
  [
    'toomanyconn',
    /connection (?:rate|frequency) limit|(?:ip|connection) frequency limited|too many recipients|too many (?:connections|concurrent|sessions|simultaneous)|connection (?:limit|rate limit)|concurrent connections|exceed(?:ed|s)? (?:the )?connection|too many smtp sessions/,
  ],
  [
    'mesgtoobig',
    /message (?:is )?too (?:big|large)|(?:message|mail) size (?:exceeds|too large|limit)|exceeds? (?:the )?(?:maximum|max|size)|size limit|message length exceeds|too large for this|line length exceeded|message exceeds/,
  ],
  [
    'exceedlimit',
    /message too large|too many recipients|recipient limit|exceeded (?:the )?(?:rate|message|sending) limit/,
  ],
  [
    'suspend',
    /(?:account|mailbox|address|user) (?:\S+ )?(?:has been |is |was )?(?:temporar(?:il)?y )?(?:disabled|suspended|inactive|deactivated|frozen|locked|expired|blocked by the administrator)|boite du destinataire archivee|inactive (?:account|user|mailbox)|mailbox (?:is )?(?:not (?:active|enabled)|currently suspended|disabled|unavailable for)|recipient (?:is )?(?:suspended|disabled)|has been disabled|is inactive|mailbox temporarily disabled|user is terminated|account that you tried to reach is disabled/,
  ],
  [
    'hasmoved',
    /has been replaced by|has moved|(?:address|mailbox) (?:has )?changed|no longer (?:in use|valid|available) ?,? (?:please )?(?:use|send)|new address/,
  ],
  [
    'norelaying',
    /relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed))|not permitted to relay|we do not relay|unable to relay|relay not permitted|no relaying|relaying mail to .+ is not allowed|not an open relay|relay access denied|sorry, that domain isn't in my list of allowed rcpthosts|cannot relay|isn't allowed to relay/,
  ],
  [
    'authfailure',
    /\bspf\b|\bdkim\b|\bdmarc\b|sender policy framework|authentication (?:failed|required|failure)|not authenticated|unauthenticated|sender address rejected: domain not found|message not authenticated|5\.7\.26|5\.7\.23/,
  ],
  [
    'requireptr',
    /reverse (?:dns|lookup|hostname)|\bptr\b|no rdns|rdns|cannot find your hostname|client host .+ (?:unknown|rejected)|unresolvable|hostname (?:does not|doesn't) resolve|ip address .+ has no (?:ptr|hostname)|cannot resolve (?:your|the) address|reverse name/,
  ],
  [
    'notcompliantrfc',
    /(?:not|non)[ -]?(?:rfc|compliant)|rfc ?(?:5322|2822|822) (?:compliant|compliance|violation|requires)|violat\w* (?:of )?rfc|duplicate (?:header|headers)|multiple (?:from|subject|date|to) headers|message-id header|not rfc compliant|header (?:error|syntax)|bare lf|improperly formatted/,
  ],
  [
    'badreputation',
    /reputation|ip reputation|sender score|poor (?:sender|sending)|rbl[^a-z]*score|temporarily deferred due to unexpected volume|low reputation/,
  ],
  // "Unrouteable address" is the reporting MTA's own verdict that no route leads to the address
  // (Exim: no router took it, the domain's look-up found no host), as "unrouteable mail domain":
  // no remote reply a content filter could have given, so it needs no RCPT TO to back it.
  [
    'hostunknown',
    /host (?:or domain name )?not found|host \S+ not found|unknown (?:host|domain)|domain (?:not found|does not exist|name not found|is not configured)|no such domain|name or service not known|host unknown|hostname (?:not found|nonexistent)|domain must exist|unrouteable (?:mail domain|address)|no mx (?:record|for)|mx record (?:for|of) .+ (?:not found|does not exist)|nxdomain|non-?existent (?:domain|host)|domain of sender address .+ does not exist|all relevant mx records point to non-existent hosts|the domain .+ does not exist|domain is not reachable|name service error for name=\S+ type=(?:mx|aaaa|a): host not found|recipient domain .+ not found|can't find the domain|no route to host \(nxdomain\)|unknown mail domain|illegal host\/domain name found/,
  ],
  [
    'rejected',
    // \u6295...\u3044: 投稿する権限がない (Japanese: no permission to post).
    /unroutable sender|sender rejected|permission to post|\u6295\u7a3f\u3059\u308b\u6a29\u9650\u304c\u306a\u3044|(?:domain of )?sender (?:address|domain) (?:\S+ )?(?:rejected|does not exist|not found|unknown)|sender address rejected|domain of sender address|sender verify failed|sender (?:is )?not (?:allowed|authorized)|not a member of this (?:mailing )?list|are not (?:a )?member/,
  ],
  [
    'userunknown',
    /(?:user|recipient|mailbox|address|account|addressee|destinataire|local ?part|e-?mail account) (?:name )?(?:is )?(?:unknown|not (?:found|known|exist|valid|listed)|does ?n[o']t exist|doesn['o]t exist|invalid|unavailable|no ?longer (?:exists?|valid|available))|unknown (?:user|recipient|local[- ]part|address|mailbox|account|addressee)|no (?:such|valid) (?:user|recipient|mailbox|address|account|person)|(?:user|mailbox|address|recipient) (?:name )?(?:\S+ )?(?:is )?(?:not|n't) (?:found|here|valid|known)|does not exist|doesn't exist|not (?:a )?valid (?:recipient|mailbox|user|address)|invalid (?:recipient|mailbox|user|address)|recipient (?:address )?rejected: (?:user unknown|undeliverable|unknown user|invalid)|not listed in (?:the |public )?(?:domino directory|name & address book|address book|directory)|recipient name is not recognized|invalid (?:final delivery )?userid|no such user here|recipient address rejected: access denied|mailbox unavailable|user (?:doesn't|does not) have a .+ account|couldn't be found|could not be found|no mailbox (?:here|by that name)|mailbox unavailable|bad destination (?:mailbox )?address|not our customer|address unknown|account (?:unavailable|disabled or unknown)|no account by that name|nosuchuser|no such local user|unknown or illegal alias|this user doesn't have|said: 550 5\.1\.1|user not found|unknown e-?mail address|deactivated mailbox|addressee unknown|this account has been disabled or discontinued|email address (?:could not be found|does not exist)|the email account that you tried to reach does not exist|is not a valid mailbox|user (?:is )?unknown|invalid mailbox|mailbox not found|destination mailbox address invalid|unknown local part|address does not exist/,
  ],
  [
    'notaccept',
    /indicated no smtp service|null mx|couldn't find a mail exchanger|could not find a mail exchanger|does not accept (?:e-?)?mail|domain does not receive mail|no smtp service|not accepting (?:any )?mail for this domain/,
  ],
  [
    'spamdetected',
    /\bspam\b|junk mail|looks like spam|classified as (?:spam|bulk)|content (?:was )?(?:rejected|blocked)|scored as|message (?:is |was )?considered (?:spam|unsolicited)|bulk mail|unsolicited (?:bulk|commercial)|high probability of (?:being )?spam|x-spam|spamassassin|detected as spam|suspicious content|contains a url|listed in .+ uribl/,
  ],
  [
    'policyviolation',
    /(?:for|by) (?:local )?policy reasons|content presents a potential|prohibited|not allowed by|violat|forbidden|mail content rejected|message content (?:rejected|not accepted)|refused by (?:local )?policy/,
  ],
  [
    'blocked',
    /block(?:ed|list|ing)|black ?list|denylist|\brbl\b|\bdnsbl\b|access denied|client host rejected|connection (?:refused|rejected|denied|not allowed)|not allowed to send|refused to talk|ip (?:address )?(?:\S+ )?(?:is )?(?:banned|rejected|not allowed|listed)|(?:is|are) listed (?:on|in|at|by)|sorbs|spamhaus|barracudacentral|banned|your (?:ip|host|server|domain) .*(?:rejected|not allowed|blocked)|please use the smtp server of your isp|dynamic (?:ip|address|pool)|residential|not accepting mail from|we do not accept mail from|mail from .+ refused|service unavailable;? client host|rejected due to|poor reputation|too many invalid recipients from|administrative prohibition|sender (?:ip|address) .*(?:rejected|denied)/,
  ],
  [
    'rejected',
    /sender (?:address )?(?:rejected|denied|not (?:allowed|permitted|accepted|valid)|unknown|verify failed|domain (?:must|does not))|(?:from|sender) address (?:rejected|denied|unknown|invalid)|mail from .* rejected|domain of sender (?:address )?.* does not exist|returned to sender|sender is in my badmailfrom|invalid sender|your address has been rejected|rejected sender|sender (?:not|is not) (?:authorized|allowed)|bad sender|envelope sender|mail refused|message rejected|rejected by|we do not accept mail|not accepted|refused/,
  ],
  [
    'speeding',
    /rate limit|too many (?:messages|mails|emails)|(?:sending|receiving) (?:too fast|rate)|please (?:slow down|try again later)|throttl|exceeded (?:the )?(?:rate|message) (?:limit|count)|temporarily rate limited/,
  ],
  ['virusdetected', /virus|malware|infected|trojan/],
  [
    'contenterror',
    /content[- ]type|mime (?:error|header)|improper use of 8-bit|8-?bit data|message (?:has|contains) (?:invalid|bad|illegal)|(?:invalid|illegal|bad) (?:character|charset|encoding)|attachment (?:type )?(?:not allowed|blocked|rejected)/,
  ],
  [
    'filtered',
    /filter(?:ed)?|(?:user|recipient) (?:has )?(?:refused|rejected|blocked)|delivery (?:is )?not authori[sz]ed|message (?:was )?(?:refused|rejected) by (?:the )?recipient|not accepting mail|refused by (?:recipient|user)|recipient rejected|sender is not allowed/,
  ],
  [
    'expired',
    /envelope expired|did not accept our requests to connect|(?:delivery|message|retry) (?:time|timeout|period) (?:exceeded|expired)|retry (?:timeout|time) exceeded|(?:has|have) not been delivered for|could not be delivered (?:for|within|in) \d|message (?:has )?expired|deferred for too long|too long in (?:the )?queue|giving up|gave up|undeliverable for|was not delivered within|delivery expired|maximum time|no further (?:delivery )?(?:attempts|retries)|queue timeout|unable to deliver for \d|delay(?:ed)? (?:for|more than)|retry time not reached/,
  ],
  [
    'networkerror',
    /connection (?:timed out|reset|closed|lost|dropped)|timed out|no route to host|network (?:is )?(?:unreachable|error)|could not connect|couldn't connect|unable to connect|host (?:is )?(?:unreachable|down|not reachable)|lost connection|dns (?:error|failure|lookup)|temporary (?:dns|lookup) failure|name server|mail (?:for|to) .+ loops back|mail loop|too many hops|hop count exceeded|routing loop|loops? back to myself|conversation with .+ timed out|no answer from|connection refused|could not be delivered to .+ (?:timeout|mx)/,
  ],
  [
    'systemfull',
    /(?:disk|system|file ?system|spool) (?:is )?full|insufficient system storage|not enough disk|out of (?:disk|storage)|system storage/,
  ],
  [
    'mailererror',
    /mailer error|x-unix|\bprocmail\b|command (?:died|failed)|program (?:failed|exited)|exit (?:status|code)|delivery to (?:a )?(?:command|program|pipe) failed|\bpipe\b.+failed|local delivery failed|unknown mailer error|returned non-?zero|permission denied/,
  ],
  [
    'systemerror',
    /service (?:currently )?unavailable|could not load|service refuse|system (?:error|failure|not available)|server (?:error|failure|configuration)|internal (?:server )?error|local (?:error|configuration error)|temporary (?:failure|error|server error)|service (?:not available|unavailable)|server is (?:busy|unavailable)|misconfigur|configuration error|too many recursive|unable to (?:deliver|process)|i\/o error|routing error|problem with (?:the )?(?:server|system)|resources temporarily unavailable|transaction failed/,
  ],
  [
    'securityerror',
    /starttls|\btls\b|\bssl\b|certificate|encryption (?:required|needed)|security (?:policy|error)|must issue a starttls|authentication credentials invalid/,
  ],
  [
    'syntaxerror',
    /syntax error|command (?:unrecognized|not (?:recognized|implemented))|bad sequence of commands|unrecognized command|parameter not implemented|line too long/,
  ],
];

/**
 * Phrases that name a missing mailbox so plainly (directory look-ups of Domino, Notes, Exchange,
 * IMail, qmail, Google) that no status code or SMTP command needs to back them.
 */
export const PLAIN_USER_UNKNOWN =
  /^unknown user: \S+@|not listed in (?:the |public )?(?:domino directory|name & address book|address book)|recipient name is not recognized|invalid final delivery userid|no mailbox here by that name|the address couldn't be found|unknown local part|no such local user/m;

/** Replies big providers give only to RCPT TO for a mailbox that does not exist (Yahoo). */
export const REMOTE_USER_UNKNOWN = /this user doesn't have a \S+ account/;

/** The first reason whose pattern matches the lower-cased text. */
export function reasonOfText(lower: string): string | undefined {
  for (const [reason, pattern] of REASON_PATTERNS) if (pattern.test(lower)) return reason;
  return undefined;
}
