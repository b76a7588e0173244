odoo.define('crm_telephony.screen_pop', function (require) {
"use strict";

/**
 * Screen pop of incoming calls: the server sends a bus.bus message on the agent's channel
 * (db, 'crm.telephony', partner id) when a call rings; this widget shows who calls, the open
 * processes and the latest history, a note pad that saves to the call while the agent types, and
 * buttons for what the call leads to (a new contact, the processes other modules offer).
 * Other modules extend the pop-up through the template (t-extend crm_telephony.ScreenPop) and the
 * server's payload (crm.telephony.screen.pop._payload).
 */
var bus = require('bus.bus').bus;
var core = require('web.core');
var dialogs = require('web.view_dialogs');
var session = require('web.session');
var SystrayMenu = require('web.SystrayMenu');
var Widget = require('web.Widget');

var _t = core._t;
var SAVE_DELAY = 500;  // ms without typing before the notes are saved

function textToHtml(text) {
    return _.map(text.split('\n'), function (line) {
        return '<p>' + (_.escape(line) || '<br>') + '</p>';
    }).join('');
}

function htmlToText(html) {
    if (!html) {
        return '';
    }
    var $div = $('<div>').html(html.replace(/<\/p>\s*<p>/g, '\n').replace(/<br\s*\/?>/g, '\n'));
    return $div.text();
}

var ScreenPop = Widget.extend({
    template: 'crm_telephony.ScreenPop',
    events: {
        'click .o_crm_telephony_close': '_onClose',
        'click .o_crm_telephony_open_customer': '_onOpenCustomer',
        'click .o_crm_telephony_open_call': '_onOpenCall',
        'click .o_crm_telephony_create_contact': '_onCreateContact',
        'click .o_crm_telephony_pick': '_onPickCaller',
        'click .o_crm_telephony_new_process': '_onNewProcess',
        'click .o_crm_telephony_open_result': '_onOpenResult',
        'click .o_crm_telephony_toggle_pad': '_onTogglePad',
        'input .o_crm_telephony_notes': '_onNotesInput',
    },
    init: function (parent, payload) {
        this._super.apply(this, arguments);
        this.payload = payload;
        this.padOpen = false;
        this.saving = null;
        this._saveLater = _.debounce(this._saveNotes.bind(this), SAVE_DELAY);
    },
    update: function (payload) {
        var text = this.padOpen ? this.$('.o_crm_telephony_notes').val() : null;
        this.payload = payload;
        this.renderElement();
        if (this.padOpen) {
            this._showPad(text);
        }
    },
    stateLabel: function () {
        return {
            ringing: _t('Ringing'), answered: _t('Answered'), missed: _t('Missed'), done: _t('Done'),
        }[this.payload.call.state] || this.payload.call.state;
    },
    _showPad: function (text) {
        this.padOpen = true;
        var $pad = this.$('.o_crm_telephony_pad').removeClass('o_hidden');
        var $notes = $pad.find('.o_crm_telephony_notes');
        $notes.val(text !== null && text !== undefined ? text : htmlToText(this.payload.call.notes));
        $notes.focus();
    },
    _saveNotes: function () {
        var self = this;
        var html = textToHtml(this.$('.o_crm_telephony_notes').val() || '');
        this.$('.o_crm_telephony_saved').text(_t('Saving...'));
        this.saving = this._rpc({
            model: 'crm.telephony.call', method: 'write', args: [[this.payload.call.id], {notes: html}],
        }).then(function () {
            self.payload.call.notes = html;
            self.$('.o_crm_telephony_saved').text(_t('Saved'));
        }, function () {
            self.$('.o_crm_telephony_saved').text(_t('Not saved: you cannot edit this call.'));
        });
        return this.saving;
    },
    _refresh: function () {
        var self = this;
        // with the user's context: labels of the history kinds and payment grades in the agent's language
        return this._rpc({model: 'crm.telephony.screen.pop', method: 'get_screen_pop', args: [this.payload.call.id],
                          context: session.user_context})
            .then(function (payload) {
                if (!self.isDestroyed()) {
                    self.update(payload);
                }
            });
    },
    _onClose: function () {
        var self = this;
        if (this.padOpen) {
            this._saveLater.cancel && this._saveLater.cancel();
            this._saveNotes().always(function () { self.destroy(); });
            return;
        }
        this.destroy();
    },
    _onOpenCustomer: function (ev) {
        var self = this;
        var partnerId = $(ev.currentTarget).data('partner-id') || this.payload.caller.id;
        this._rpc({model: 'res.partner', method: 'action_open_customer_file', args: [[partnerId]]})
            .then(function (action) { self.do_action(action); });
    },
    _onOpenCall: function () {
        this.do_action({
            type: 'ir.actions.act_window', res_model: 'crm.telephony.call', res_id: this.payload.call.id,
            views: [[false, 'form']], target: 'current',
        });
    },
    _onCreateContact: function () {
        var self = this;
        this._rpc({model: 'crm.telephony.call', method: 'action_create_contact', args: [[this.payload.call.id]]})
            .then(function (action) { self.do_action(action); });
    },
    _onPickCaller: function (ev) {
        var self = this;
        var partnerId = $(ev.currentTarget).data('partner-id');
        this._rpc({model: 'crm.telephony.call', method: 'action_set_caller', args: [[this.payload.call.id], partnerId]})
            .then(function () { return self._refresh(); });
    },
    /**
     * The form of a new process (complaint, ticket...) with the defaults the server gave; once saved,
     * the call keeps what came of it.
     */
    _onNewProcess: function (ev) {
        var self = this;
        var process = this.payload.actions[$(ev.currentTarget).data('index')];
        new dialogs.FormViewDialog(this, {
            res_model: process.model,
            context: process.context,
            title: process.name,
            disable_multiple_selection: true,  // one record: Save, Discard
            on_saved: function (record) {
                self._rpc({model: 'crm.telephony.call', method: 'action_set_result',
                           args: [[self.payload.call.id], process.model, record.res_id]})
                    .then(function () { return self._refresh(); });
            },
        }).open();
    },
    _onOpenResult: function () {
        this.do_action({
            type: 'ir.actions.act_window', res_model: this.payload.result.model, res_id: this.payload.result.id,
            views: [[false, 'form']], target: 'current',
        });
    },
    destroy: function () {
        var parent = this.getParent();
        this._super.apply(this, arguments);
        if (parent && parent._updateCloseAll) {
            parent._updateCloseAll();
        }
    },
    _onTogglePad: function () {
        if (this.padOpen) {
            this.$('.o_crm_telephony_notes').focus();
            return;
        }
        this._showPad();
    },
    _onNotesInput: function () {
        this.$('.o_crm_telephony_saved').text('');
        this._saveLater();
    },
});

var TelephonyMenu = Widget.extend({
    template: 'crm_telephony.Systray',
    events: {
        'click': '_onClick',
    },
    init: function () {
        this._super.apply(this, arguments);
        this.pops = {};
        this.lastPayload = null;
    },
    /** The container of the stacked pop-ups, with its "Close all" (shown from two pop-ups on). */
    _container: function () {
        var self = this;
        var $container = $('.o_crm_telephony_container');
        if (!$container.length) {
            $container = $(core.qweb.render('crm_telephony.Container')).appendTo('body');
            $container.on('click', '.o_crm_telephony_close_all', function () { self._closeAll(); });
        }
        return $container;
    },
    _livePops: function () {
        return _.filter(_.values(this.pops), function (pop) { return !pop.isDestroyed(); });
    },
    _closeAll: function () {
        _.each(this._livePops(), function (pop) { pop._onClose(); });
    },
    _updateCloseAll: function () {
        $('.o_crm_telephony_close_all').toggleClass('o_hidden', this._livePops().length < 2);
    },
    start: function () {
        bus.on('notification', this, this._onNotification);
        return this._super.apply(this, arguments);
    },
    destroy: function () {
        bus.off('notification', this, this._onNotification);
        this._super.apply(this, arguments);
    },
    _onNotification: function (notifications) {
        var self = this;
        _.each(notifications, function (notification) {
            var channel = notification[0];
            if (_.isArray(channel) && channel[1] === 'crm.telephony') {
                self._show(notification[1], true);
            }
        });
    },
    /**
     * @param {Object} payload the server's pop-up contents (light when payload.partial)
     * @param {boolean} fromBus shown because of a bus message (not reopened from the systray)
     */
    _show: function (payload, fromBus) {
        var callId = payload.call.id;
        var pop = this.pops[callId];
        if (pop && !pop.isDestroyed()) {
            if (payload.partial) {  // keep what is shown until the full contents arrive
                payload.open_processes = pop.payload.open_processes;
                payload.history = pop.payload.history;
                payload.matches = pop.payload.matches;
                payload.result = pop.payload.result;
                var sameCaller = (payload.caller && payload.caller.id) === (pop.payload.caller && pop.payload.caller.id);
                if (sameCaller) {  // a new caller (a contact just created) has other buttons: they follow
                    payload.caller = pop.payload.caller || payload.caller;
                    payload.actions = pop.payload.actions;
                    payload.new_contact = pop.payload.new_contact;
                }
            }
            pop.update(payload);
            if (payload.partial) {
                pop._refresh();
            }
            return;
        }
        if (payload.type !== 'ring' && payload.call.state !== 'ringing') {
            return;  // an update of a call whose pop-up the agent closed
        }
        this.lastPayload = payload;
        pop = new ScreenPop(this, payload);
        this.pops[callId] = pop;
        var self = this;
        pop.appendTo(this._container()).then(function () {
            self._updateCloseAll();
            if (payload.partial) {  // the bus message is light: fetch open processes and history
                pop._refresh().then(function () {
                    // after a reload the bus replays the last messages: a call that is over by now
                    // has nothing to take, so its pop-up goes again (unless the agent writes notes)
                    if (fromBus && !pop.padOpen && _.contains(['missed', 'done'], pop.payload.call.state)) {
                        pop.destroy();
                    }
                });
            }
        });
    },
    _onClick: function (ev) {
        ev.preventDefault();
        if (this.lastPayload) {
            var pop = this.pops[this.lastPayload.call.id];
            if (!pop || pop.isDestroyed()) {
                this.lastPayload.type = 'ring';
                this._show(_.extend({}, this.lastPayload, {call: _.extend({}, this.lastPayload.call,
                    {state: 'ringing'})}));
                this.pops[this.lastPayload.call.id]._refresh();
            }
        } else {
            this.do_action('crm_telephony.crm_telephony_call_action');
        }
    },
});

SystrayMenu.Items.push(TelephonyMenu);

return {ScreenPop: ScreenPop, TelephonyMenu: TelephonyMenu};
});
