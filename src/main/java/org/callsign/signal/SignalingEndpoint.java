package org.callsign.signal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callsign.config.SignalConfig;
import org.callsign.message.ClientMessage;
import org.callsign.message.ClientMessage.TooLarge;
import org.callsign.message.CloseCode;
import org.callsign.message.ErrorCode;
import org.callsign.message.LeaveReason;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.codec.AnswerDecoder;
import org.callsign.message.codec.CandidateDecoder;
import org.callsign.message.codec.DeclineDecoder;
import org.callsign.message.codec.FrameReader;
import org.callsign.message.codec.IceDecoder;
import org.callsign.message.codec.InvalidFrameDecoder;
import org.callsign.message.codec.LeaveDecoder;
import org.callsign.message.codec.LoginDecoder;
import org.callsign.message.codec.OfferDecoder;
import org.callsign.message.codec.TooLargeDecoder;
import org.callsign.message.codec.UsersDecoder;
import org.callsign.presence.Router;

/**
 * The WebSocket face of the server, and deliberately thin: limits that belong to the
 * transport (size, rate, sessions, liveness) are applied here, everything else is the
 * {@link Router}'s.
 */
@ServerEndpoint(value = "/signal",
        configurator = SignalConfigurator.class,
        decoders = {LoginDecoder.class, OfferDecoder.class, AnswerDecoder.class,
                CandidateDecoder.class, LeaveDecoder.class, DeclineDecoder.class, UsersDecoder.class,
                IceDecoder.class, TooLargeDecoder.class, InvalidFrameDecoder.class})
public class SignalingEndpoint {

    /**
     * The container's own frame limit: no frame above it is even buffered. The configured
     * {@code signal.max-message-bytes} (default 64 KiB) applies below it, in the decoders.
     */
    static final int HARD_MAX_MESSAGE_BYTES = 1 << 20;

    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());
    private static final String LINK = Link.class.getName();

    private final Router router;
    private final Keepalive keepalive;
    private final SignalEvents events;

    /** Built by {@link SignalConfigurator#getEndpointInstance}, one per connection. */
    SignalingEndpoint(SignalServices services) {
        this.router = services.router();
        this.keepalive = services.keepalive();
        this.events = services.events();
    }

    @OnOpen
    public void open(Session session) {
        TyrusIdleTimer.disable(session);
        TyrusSharedCoders.install(session);
        Link link = new Link(session, SignalConfig.current(), keepalive.queueBudget(), events, System.nanoTime());
        session.getUserProperties().put(LINK, link);
        CloseCode refusal = keepalive.admit(link);
        if (refusal != null) {
            link.outbox().close(refusal);
        }
    }

    @OnMessage(maxMessageSize = HARD_MAX_MESSAGE_BYTES)
    public void message(ClientMessage message, Session session) {
        Link link = link(session);
        long now = System.nanoTime();
        link.seen(now);
        if (message instanceof TooLarge tooLarge) {
            if (link.outbox().close(CloseCode.TOO_BIG)) {
                LOG.info(() -> "closed connection " + link.id() + ": " + tooLarge.bytes() + " byte message");
            }
            return;
        }
        switch (link.admit(now)) {
            case ACCEPT -> router.handle(link.connection(), message);
            case DROP -> link.outbox().deliver(new ErrorReply(ErrorCode.RATE_LIMITED));
            case CLOSE -> {
                if (link.outbox().close(CloseCode.FLOODING)) {
                    LOG.info(() -> "closed connection " + link.id() + ": flooding");
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Binary frames are not part of the protocol: the client is told so, as for any bad frame. */
    @OnMessage(maxMessageSize = HARD_MAX_MESSAGE_BYTES)
    public void binary(ByteBuffer frame, Session session) {
        message(FrameReader.configured().readBinary(frame.remaining()), session);
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        link(session).seen(System.nanoTime());
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        Link link = link(session);
        keepalive.remove(link);
        CloseCode closedBecause = link.outbox().closedBecause();
        events.closed(closedBecause);
        String described = reason.getCloseCode().getCode() + " " + reason.getReasonPhrase();
        // Lost rather than closed (docs/protocol.md rule 12): no close frame came (the container
        // reports 1006), or the client fell silent past the idle timeout. Its user is then away.
        boolean lost = closedBecause == CloseCode.IDLE
                || closedBecause == null && reason.getCloseCode() == CloseReason.CloseCodes.CLOSED_ABNORMALLY;
        if (lost) {
            router.lost(link.connection(), described);
        } else {
            router.disconnected(link.connection(), LeaveReason.ofClose(closedBecause), described);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.WARNING, "unexpected failure on connection " + session.getId(), failure);
    }

    private static Link link(Session session) {
        return (Link) session.getUserProperties().get(LINK);
    }
}
