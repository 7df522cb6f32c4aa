package org.callsign.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.callsign.ice.IceServers;
import org.callsign.message.ClientMessage;
import org.callsign.message.ClientMessage.Answer;
import org.callsign.message.ClientMessage.Candidate;
import org.callsign.message.ClientMessage.Decline;
import org.callsign.message.ClientMessage.Ice;
import org.callsign.message.ClientMessage.Invalid;
import org.callsign.message.ClientMessage.Leave;
import org.callsign.message.ClientMessage.Login;
import org.callsign.message.ClientMessage.Offer;
import org.callsign.message.ClientMessage.Users;
import org.callsign.message.CloseCode;
import org.callsign.message.ErrorCode;
import org.callsign.message.LeaveReason;
import org.callsign.message.ServerMessage;
import org.callsign.message.ServerMessage.Declined;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.ServerMessage.FreshIce;
import org.callsign.message.ServerMessage.HeldCall;
import org.callsign.message.ServerMessage.LoginAccepted;
import org.callsign.message.ServerMessage.LoginRefused;
import org.callsign.message.ServerMessage.PeerAway;
import org.callsign.message.ServerMessage.PeerBack;
import org.callsign.message.ServerMessage.PeerLeft;
import org.callsign.message.ServerMessage.RelayedAnswer;
import org.callsign.message.ServerMessage.RelayedCandidate;
import org.callsign.message.ServerMessage.RelayedOffer;
import org.callsign.message.ServerMessage.UserList;

/**
 * The presence registry's front door: docs/protocol.md rules 1-13 and 23-29, one method per inbound
 * message type. It knows names, tokens and calls, keeps them in a {@link Registry} (this
 * instance's memory, or a data grid shared by a cluster), and reaches connections only through
 * {@link Outbox}. Messages from one connection must be handed in one at a time, in order
 * (the WebSocket container does that); different connections may call in concurrently.
 */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final Registry registry;
    private final Presence presence;
    private final Calls calls;
    private final IceServers iceServers;
    private final RouterSettings settings;
    /** Calls that started ringing here, by caller id (rule 27). */
    private final Deadlines<Call> ringing = new Deadlines<>();
    /** Logins of this instance whose connection was lost, by member id (rule 24). */
    private final Deadlines<Member> away = new Deadlines<>();
    private final Watchers watchers;
    private final LongSupplier clock;

    /** For the CDI client proxy only. */
    protected Router() {
        this(Registry.local(), IceServers.none(), new RouterSettings(Duration.ZERO, Duration.ZERO, 0, 0, Duration.ZERO));
    }

    @Inject
    public Router(Registry registry, IceServers iceServers) {
        this(registry, iceServers, RouterSettings.configured());
    }

    public Router(Registry registry, IceServers iceServers, RouterSettings settings) {
        this(registry, iceServers, settings, System::nanoTime);
    }

    /** {@code clock}: now, in nanoseconds, for every deadline (a test's clock may be moved on). */
    public Router(Registry registry, IceServers iceServers, RouterSettings settings, LongSupplier clock) {
        this.clock = clock;
        this.registry = registry;
        this.presence = registry.presence();
        this.calls = registry.calls();
        this.iceServers = iceServers;
        this.settings = settings;
        this.watchers = new Watchers(settings.watchPeriod().toNanos());
        registry.onMembersLost(settings.resumeWindow(), this::awayWithInstance, this::instanceLost);
        registry.onTakenOver(this::resumedElsewhere);
    }

    public void handle(Connection from, ClientMessage message) {
        if (message instanceof Login login) {
            login(from, login);
            return;
        }
        if (message instanceof Invalid invalid) {
            refuse(from.outbox(), invalid.code(), invalid.detail());
            return;
        }
        Member sender = from.member();
        if (sender == null) {
            refuse(from.outbox(), ErrorCode.NOT_LOGGED_IN, ErrorCode.NOT_LOGGED_IN.sentence());
        } else if (message instanceof Offer offer) {
            offer(sender, offer);
        } else if (message instanceof Answer answer) {
            answer(sender, answer);
        } else if (message instanceof Candidate candidate) {
            candidate(sender, candidate);
        } else if (message instanceof Leave) {
            leave(sender);
        } else if (message instanceof Decline decline) {
            decline(sender, decline);
        } else if (message instanceof Users users) {
            users(sender, users);
        } else if (message instanceof Ice) {
            sender.outbox().deliver(new FreshIce(iceServers.forUser(sender.name().display())));
        } else {
            throw new IllegalArgumentException("No route for " + message.getClass().getName());
        }
    }

    /**
     * Rule 12: the connection ended cleanly (a close frame, or the server closed it for a rule):
     * free its name, end its call, telling the peer {@code why}. {@code reason} may carry the
     * client's own close reason, so it is logged quoted.
     */
    public void disconnected(Connection connection, LeaveReason why, String reason) {
        Member member = connection.close();
        if (member == null) {
            return;
        }
        if (why == LeaveReason.SHUTDOWN && registry.outlivesThisInstance()) {
            // The other instances make this login away once this one has left the cluster, and
            // hold its name and call for a resume through them (a rolling restart).
            LOG.info(() -> "left to the cluster " + LogText.quote(member.name().display()) + " reason=" + LogText.quote(reason));
            return;
        }
        logOut(member, why, reason);
    }

    /**
     * Rules 12 and 24: the connection was lost (no close frame, or silent past the idle
     * timeout): its user is away, name and call held for {@code signal.resume-seconds}, and
     * messages for it held meanwhile; its peer hears {@code away}.
     */
    public void lost(Connection connection, String reason) {
        Member member = connection.close();
        if (member == null) {
            return;
        }
        // A watch is a page's: the resumed page watches again if it wants to.
        watchers.stop(member);
        if (settings.resumeWindow().isZero()) {
            logOut(member, LeaveReason.DISCONNECTED, reason);
            return;
        }
        mailboxOf(member).holdFromNow(settings.heldLimits());
        away.set(member.id(), member, clock.getAsLong() + settings.resumeWindow().toNanos());
        if (!presence.holds(member)) {
            // Resumed or taken over meanwhile: the successor has the name and the call.
            away.cancel(member.id());
            return;
        }
        Call call = calls.of(member);
        if (call != null) {
            call.peerOf(member).outbox().deliver(new PeerAway(member.name().display()));
        }
        LOG.info(() -> "away " + LogText.quote(member.name().display()) + " reason=" + LogText.quote(reason));
    }

    /** Frees the member's name and ends its call, unless a resume or takeover took them over. */
    private void logOut(Member member, LeaveReason why, String reason) {
        watchers.stop(member);
        // Release first: Calls.ring checks presence under its lock, so no call can start
        // with this member once end() below has run.
        if (!presence.release(member)) {
            return;
        }
        if (member.outbox() instanceof Mailbox mailbox) {
            mailbox.discard();
        }
        endCall(member, why);
        LOG.info(() -> "logout " + LogText.quote(member.name().display()) + " reason=" + LogText.quote(reason));
    }

    /**
     * The server instance holding {@code member}'s connection is gone, and the cluster holds its
     * name and call for a resume through another instance (rules 12 and 24): its peer hears
     * {@code away}. Messages for it meanwhile reach nobody: it had no connection but on that instance.
     */
    void awayWithInstance(Member member) {
        Call call = calls.stored(member);
        if (call != null) {
            call.peerOf(member).outbox().deliver(new PeerAway(member.name().display()));
        }
        LOG.info(() -> "away " + LogText.quote(member.name().display()) + " reason=instance-lost");
    }

    /**
     * The server instance holding {@code member}'s connection is gone and it did not resume within
     * the window (or there is none): free the name and end its call, telling the peer here or on
     * another instance. A login that resumed elsewhere holds neither any more.
     */
    void instanceLost(Member member) {
        presence.release(member);
        endCall(member, LeaveReason.INSTANCE_LOST);
        LOG.info(() -> "logout " + LogText.quote(member.name().display()) + " reason=instance-lost");
    }

    /** Whether the registry's store answers: a clustered instance cut off from its data grid does not. */
    public boolean storeReachable() {
        return registry.reachable();
    }

    public int online() {
        return presence.size();
    }

    /** Runs {@code counted} for each message or entry from other instances refused as not authentic. */
    public void onGridRejection(Runnable counted) {
        registry.onRejected(counted);
    }

    /**
     * The router's clock, run once a second: ends calls that started ringing here and still ring
     * {@code signal.ring-timeout-seconds} later, both sides hearing {@code leave} with reason
     * no-answer (rule 27); frees away logins whose resume window passed or whose held messages
     * overflowed, the peer hearing {@code leave} with reason disconnected (rule 24); sends
     * watched lists that changed (rule 23).
     */
    public void checkDeadlines() {
        long nowNanos = clock.getAsLong();
        for (Call due : ringing.takeDue(nowNanos, call -> false)) {
            Call ended = calls.expire(due);
            if (ended != null) {
                ended.caller().outbox().deliver(new PeerLeft(ended.callee().name().display(), LeaveReason.NO_ANSWER));
                ended.callee().outbox().deliver(new PeerLeft(ended.caller().name().display(), LeaveReason.NO_ANSWER));
                LOG.info(() -> "call-end " + ended + " reason=" + LeaveReason.NO_ANSWER.wire());
            }
        }
        for (Member gone : away.takeDue(nowNanos, member -> mailboxOf(member).overflowed())) {
            String why = mailboxOf(gone).overflowed() ? "too much held while away" : "not resumed in time";
            logOut(gone, LeaveReason.DISCONNECTED, why);
        }
        watchers.push(prefix -> presence.list(prefix, this::busy), nowNanos);
    }

    public int callsRinging() {
        return calls.ringing();
    }

    public int callsConnected() {
        return calls.connected();
    }

    private void login(Connection from, Login login) {
        Outbox outbox = from.outbox();
        if (from.member() != null) {
            refuseLogin(outbox, ErrorCode.ALREADY_LOGGED_IN, login.name());
            return;
        }
        Optional<Name> parsed = Name.parse(login.name());
        if (parsed.isEmpty()) {
            refuseLogin(outbox, ErrorCode.INVALID_NAME, login.name());
            return;
        }
        String token = Tokens.newToken();
        Member member = new Member(parsed.get(), Tokens.digest(token), new Mailbox(outbox));
        Member replaced = null;
        while (replaced == null && !presence.claim(member)) {
            replaced = presence.takeOver(login.token(), member);
            // The holder may have closed between claim and takeOver: then the name is free
            // and goes to this login (rule 5), so claim again rather than refuse.
            if (replaced == null && presence.find(member.name()) != null) {
                refuseLogin(outbox, ErrorCode.NAME_TAKEN, login.name());
                return;
            }
        }
        if (!from.bind(member)) {
            // This connection closed while logging in: give the name back (a resumed call ends).
            logOut(member, LeaveReason.DISCONNECTED, "closed while logging in");
            return;
        }
        if (replaced == null) {
            outbox.deliver(new LoginAccepted(member.name().display(), token, iceServers.forUser(member.name().display())));
            LOG.info(() -> "login " + LogText.quote(member.name().display()));
        } else {
            resume(replaced, member, token);
        }
    }

    /**
     * Rules 24-25: {@code member} took over the name of {@code old}, away or still connected, with
     * its token. The call goes on with the new connection: the reply says which, what was held
     * for {@code old} follows it in order, and the peer hears {@code back}. An old connection still
     * open is closed with 4001.
     */
    private void resume(Member old, Member member, String token) {
        away.cancel(old.id());
        Call call = calls.of(old);
        member.outbox().deliver(new LoginAccepted(member.name().display(), token,
                iceServers.forUser(member.name().display()), call == null ? null : heldCall(call, old)));
        if (old.outbox() instanceof Mailbox mailbox) {
            mailbox.handOver(member.outbox());
        }
        // Otherwise old was a login of another instance, which hands over when it sees the takeover.
        Call resumed = calls.transfer(old, member);
        if (resumed != null) {
            resumed.peerOf(member).outbox().deliver(new PeerBack(member.name().display()));
        }
        old.outbox().close(CloseCode.REPLACED);
        LOG.info(() -> "login " + LogText.quote(member.name().display()) + " resumed"
                + (resumed == null ? "" : " call with " + LogText.quote(resumed.peerOf(member).name().display())));
    }

    /**
     * A login of this instance was resumed through another instance: what was held for it goes
     * there. The store reports resumes through this instance too, which {@link #resume} handles.
     */
    private void resumedElsewhere(Member old, Member successor) {
        if (successor.outbox() instanceof Mailbox) {
            return;
        }
        away.cancel(old.id());
        if (old.outbox() instanceof Mailbox mailbox) {
            mailbox.handOver(successor.outbox());
        }
    }

    private static HeldCall heldCall(Call call, Member member) {
        return new HeldCall(call.peerOf(member).name().display(), call.isRinging() ? "ringing" : "connected",
                call.caller().equals(member) ? "caller" : "callee");
    }

    private void offer(Member caller, Offer offer) {
        Member callee = findPeer(caller, offer.name());
        if (callee == null) {
            return;
        }
        if (isAway(callee) && !callee.equals(peerOf(caller))) {
            refuse(caller, ErrorCode.BUSY, callee.name().display() + " is away.");
            return;
        }
        Calls.RingOutcome outcome = calls.ring(caller, callee, presence);
        switch (outcome) {
            case STARTED -> LOG.info(() -> "call-start " + LogText.quote(caller.name().display())
                    + "\u2192" + LogText.quote(callee.name().display()));
            case SAME_CALL -> { }
            case CALLER_BUSY -> {
                refuse(caller, ErrorCode.ALREADY_IN_CALL, ErrorCode.ALREADY_IN_CALL.sentence());
                return;
            }
            case CALLEE_BUSY -> {
                refuse(caller, ErrorCode.BUSY, callee.name().display() + " is in another call.");
                return;
            }
            case GONE -> {
                refuse(caller, ErrorCode.USER_NOT_FOUND, notOnline(offer.name()));
                return;
            }
            default -> throw new IllegalStateException("Unhandled " + outcome);
        }
        // Read from the store, not this instance's copy: in glare the call may have just been
        // started elsewhere, and the copy learns of it only when the store's event arrives.
        Call call = calls.stored(caller);
        if (call != null && call.involves(callee)) {
            if (outcome == Calls.RingOutcome.STARTED) {
                ringing.set(caller.id(), call, clock.getAsLong() + settings.ringTimeout().toNanos());
            }
            callee.outbox().deliver(new RelayedOffer(caller.name().display(), offer.offer()), call, caller);
        }
    }

    /** The mailbox of a login of this instance (only those are ever away here, rule 24). */
    private static Mailbox mailboxOf(Member local) {
        return (Mailbox) local.outbox();
    }

    /** Away: its connection here was lost, or the instance that had its connection is gone. */
    private boolean isAway(Member member) {
        return member.outbox() instanceof Mailbox mailbox ? mailbox.holding() : !presence.reachable(member);
    }

    /** The member's peer in its current call, or null. */
    private Member peerOf(Member member) {
        Call call = calls.of(member);
        return call == null ? null : call.peerOf(member);
    }

    /** The online member named {@code name} other than {@code caller}; refuses and returns null if none. */
    private Member findPeer(Member caller, String name) {
        Member callee = presence.named(name);
        if (callee == null) {
            refuse(caller, ErrorCode.USER_NOT_FOUND, notOnline(name));
            return null;
        }
        if (callee.equals(caller)) {
            refuse(caller, ErrorCode.SELF_CALL, ErrorCode.SELF_CALL.sentence());
            return null;
        }
        return callee;
    }

    private void answer(Member sender, Answer answer) {
        Call call = callWith(sender, answer.name());
        if (call == null) {
            return;
        }
        Call connected = calls.answer(call, sender);
        if (connected != null) {
            LOG.info(() -> "call-connected " + connected);
        }
        call.peerOf(sender).outbox().deliver(new RelayedAnswer(sender.name().display(), answer.answer()), call, sender);
    }

    private void candidate(Member sender, Candidate candidate) {
        Call call = callWith(sender, candidate.name());
        if (call != null) {
            call.peerOf(sender).outbox().deliver(new RelayedCandidate(sender.name().display(), candidate.candidate()),
                    call, sender);
        }
    }

    /** The sender's call if its peer is named {@code name}; refuses with not-in-call and returns null otherwise. */
    private Call callWith(Member sender, String name) {
        Call call = calls.of(sender);
        if (call == null || !call.peerOf(sender).name().is(name)) {
            refuse(sender, ErrorReply.notInCallWith(name));
            return null;
        }
        return call;
    }

    private void leave(Member sender) {
        endCall(sender, LeaveReason.HANGUP);
    }

    private void decline(Member callee, Decline decline) {
        Call call = calls.of(callee);
        boolean fromCalleeToCaller = call != null && call.callee().equals(callee)
                && call.caller().name().is(decline.name());
        Call declined = fromCalleeToCaller ? calls.decline(call, callee) : null;
        if (declined == null) {
            refuse(callee, ErrorCode.NOT_IN_CALL,
                    "There is no ringing call from " + decline.name() + " to decline.");
            return;
        }
        declined.caller().outbox().deliver(new Declined(callee.name().display()));
        LOG.info(() -> "call-end " + declined + " reason=decline");
    }

    /** Rule 23; with {@code watch}, the list is sent again when it changes, until the next users. */
    private void users(Member sender, Users users) {
        Listing listing = presence.list(users.prefix(), this::busy);
        sender.outbox().deliver(new UserList(listing.names(), listing.total(), listing.busy()));
        if (users.watch()) {
            watchers.watch(sender, users.prefix(), listing, clock.getAsLong());
        } else {
            watchers.stop(sender);
        }
    }

    /**
     * Rule 28: in a call, ringing or connected, or away. A login away on another live instance of
     * a cluster is known as away only there: here it counts as busy only while its call is held.
     */
    private boolean busy(Member member) {
        return calls.inCall(member) || isAway(member);
    }

    /** Ends the member's call, if any, and tells the peer. */
    private void endCall(Member member, LeaveReason reason) {
        Call ended = calls.end(member);
        if (ended == null) {
            return;
        }
        ended.peerOf(member).outbox().deliver(new PeerLeft(member.name().display(), reason));
        LOG.info(() -> "call-end " + ended + " reason=" + reason.wire() + " by=" + LogText.quote(member.name().display()));
    }

    private static String notOnline(String name) {
        return name + " is not online.";
    }

    private void refuseLogin(Outbox outbox, ErrorCode code, String name) {
        outbox.deliver(new LoginRefused(code));
        LOG.info(() -> "refused login name=" + LogText.quote(name) + " code=" + code.code());
    }

    private void refuse(Member sender, ErrorCode code, String message) {
        refuse(sender, new ErrorReply(code, message));
    }

    private void refuse(Member sender, ErrorReply refusal) {
        sender.outbox().deliver(refusal);
        LOG.info(() -> "refused " + LogText.quote(sender.name().display()) + " code=" + refusal.code());
    }

    private void refuse(Outbox outbox, ErrorCode code, String message) {
        outbox.deliver(new ErrorReply(code, message));
        LOG.info(() -> "refused anonymous code=" + code.code());
    }
}
