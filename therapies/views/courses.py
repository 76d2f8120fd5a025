"""My courses: start, change, stop and switch."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.views.generic import CreateView, FormView, ListView, UpdateView

from mstracker.mixins import OwnedObjectMixin, PatientRequiredMixin
from mstracker.stale_forms import StaleEditViewMixin
from therapies.forms import CourseForm, StopCourseForm, SwitchCourseForm
from therapies.models import Course, Drug


class CourseListView(OwnedObjectMixin, ListView):
    model = Course
    template_name = "therapies/courses.html"
    context_object_name = "courses"

    def get_queryset(self):
        return super().get_queryset().select_related("drug")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = self.subject.local_today()
        context["running"] = [c for c in context["courses"] if c.is_running_on(today)]
        context["other"] = [c for c in context["courses"] if not c.is_running_on(today)]
        return context


class CourseFormMixin:
    model = Course
    form_class = CourseForm
    template_name = "therapies/course_form.html"
    success_url = reverse_lazy("therapies:courses")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.subject}


class CourseStartView(PatientRequiredMixin, CourseFormMixin, CreateView):
    extra_context = {"heading": "Start a course", "submit": "Start course"}

    def get_initial(self):
        initial = {"start": self.subject.local_today()}
        asked = self.request.GET.get("drug", "")
        drug = (
            Drug.objects.available_to(self.subject).filter(pk=asked).first()
            if asked.isdecimal() and asked.isascii()
            else None
        )
        if drug is not None:
            initial.update(drug=drug, dose=drug.usual_dose)
            if drug.dose_unit in dict(Course._meta.get_field("dose_unit").choices):
                initial["dose_unit"] = drug.dose_unit
        return initial

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"Your course of {self.object.drug.name} is started.")
        return response


class CourseEditView(StaleEditViewMixin, OwnedObjectMixin, CourseFormMixin, UpdateView):
    extra_context = {"heading": "Change course", "submit": "Save"}

    def form_valid(self, form):
        messages.success(self.request, "Your course is saved.")
        return super().form_valid(form)


class CourseStopView(StaleEditViewMixin, OwnedObjectMixin, UpdateView):
    model = Course
    form_class = StopCourseForm
    template_name = "therapies/form.html"
    success_url = reverse_lazy("therapies:courses")

    def get_initial(self):
        return {"stop": self.object.stop or self.subject.local_today()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"Stop {self.object.drug.name}",
            intro="Doses after the last day are no longer expected.",
            submit="Stop course",
            **kwargs,
        )

    def form_valid(self, form):
        messages.success(self.request, f"{self.object.drug.name} is stopped.")
        return super().form_valid(form)


class CourseSwitchView(PatientRequiredMixin, FormView):
    """Stop this course the day before the new drug's first day, and start that course."""

    form_class = SwitchCourseForm
    template_name = "therapies/form.html"

    @cached_property
    def course(self):
        return get_object_or_404(
            Course.objects.select_related("drug"), pk=self.kwargs["pk"], user=self.subject
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "course": self.course}

    def get_initial(self):
        return {"start": self.subject.local_today(), "dose_unit": "mg"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"Switch from {self.course.drug.name}",
            intro=f"{self.course.drug.name} stops the day before the new drug’s first day.",
            submit="Switch",
            **kwargs,
        )

    def form_valid(self, form):
        with transaction.atomic():
            self.course.save(update_fields=["stop", "stop_reason"])
            form.new_course.save()
        messages.success(
            self.request,
            f"Switched from {self.course.drug.name} to {form.new_course.drug.name}.",
        )
        return redirect("therapies:courses")
